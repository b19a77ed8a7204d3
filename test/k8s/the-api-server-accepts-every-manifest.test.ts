import test from 'ava';
import { ensureExist, kubectl, rendered } from './support/manifests.ts';

test('a real API server accepts the whole kustomization under strict validation, without a warning', async (t) => {
  const { text, objects } = await rendered();
  t.true(objects.length > 0, 'the kustomization renders objects');
  await ensureExist(['Namespace']);
  // Strict: an unknown or duplicated field is an error; every warning (Pod
  // Security of a workload's template, deprecations) is one too.
  const result = await kubectl(
    ['apply', '--dry-run=server', '--validate=strict', '--warnings-as-errors', '-f', '-'],
    text,
  );
  t.is(result.code, 0, result.stderr);
  t.is(result.stdout.split('\n').filter((line) => line.includes('(server dry run)')).length, objects.length);
});
