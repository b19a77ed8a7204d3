import test from 'ava';
import { rendered, validationImage, workloads } from './support/manifests.ts';

test("every container runs an image with a tag, the apps' the one the build gave, never latest", async (t) => {
  const { objects } = await rendered();
  for (const w of workloads(objects)) {
    for (const c of w.spec.template.spec.containers) {
      const image = c.image ?? '';
      const tag = /:([^:/@]+)$/.exec(image)?.[1];
      t.truthy(tag, `${w.metadata.name}/${c.name}: ${image} has a tag`);
      t.not(tag, 'latest', `${w.metadata.name}/${c.name}: ${image}`);
      if (w.spec.template.metadata.labels?.['tier'] === 'app') t.is(image, validationImage, w.metadata.name);
    }
  }
});
