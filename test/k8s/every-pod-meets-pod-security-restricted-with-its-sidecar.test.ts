import test from 'ava';
import { asList, ensureExist, injectedPods, kubectl, rendered } from './support/manifests.ts';

test('every pod, with the sidecar Dapr injects into it, is admitted under Pod Security "restricted"', async (t) => {
  const { objects } = await rendered();
  const namespace = objects.find((o) => o.kind === 'Namespace');
  t.is(namespace?.metadata.labels?.['pod-security.kubernetes.io/enforce'], 'restricted');
  // Pods need their namespace and service accounts to exist; nothing runs in this cluster.
  await ensureExist(['Namespace', 'ServiceAccount']);
  const pods = await injectedPods();
  const daprPods = pods.filter((p) => p.spec.containers.some((c) => c.name === 'daprd'));
  t.is(daprPods.length, 8, 'the eight apps get a sidecar');
  // Enforce applies to pods: a violation is a refusal, not a warning.
  const result = await kubectl(['create', '--dry-run=server', '--validate=strict', '-f', '-'], asList(pods));
  t.is(result.code, 0, result.stderr);
  t.is((result.stdout.match(/created \(server dry run\)/g) ?? []).length, pods.length);
});
