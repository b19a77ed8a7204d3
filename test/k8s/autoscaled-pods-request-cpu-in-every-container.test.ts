import test from 'ava';
import { injectedPods, rendered, type K8sObject } from './support/manifests.ts';

interface Hpa extends K8sObject {
  spec: { scaleTargetRef: { kind: string; name: string } };
}

test('every pod an HPA scales requests CPU in every container, the injected sidecar included', async (t) => {
  const { objects } = await rendered();
  const hpas = objects.filter((o): o is Hpa => o.kind === 'HorizontalPodAutoscaler');
  t.true(hpas.length > 0);
  const pods = await injectedPods();
  for (const hpa of hpas) {
    const { kind, name } = hpa.spec.scaleTargetRef;
    t.is(kind, 'Deployment', hpa.metadata.name);
    const pod = pods.find((p) => p.metadata.name === `${name}-validation`);
    t.truthy(pod, `${hpa.metadata.name} scales ${name}, which exists`);
    const containers = [...(pod?.spec.initContainers ?? []), ...(pod?.spec.containers ?? [])];
    t.true(
      containers.some((c) => c.name === 'daprd'),
      `${name} has its sidecar`,
    );
    for (const container of containers) {
      t.truthy(container.resources?.requests?.['cpu'], `${name}/${container.name} requests CPU`);
    }
  }
});
