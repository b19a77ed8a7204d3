import test from 'ava';
import { rendered, workloads, type K8sObject } from './support/manifests.ts';

interface Hpa extends K8sObject {
  spec: { scaleTargetRef: { name: string } };
}

/** What an unscaled workload states: auth runs two (its sessions are in its store), the rest one (a volume each). */
const stated: Record<string, number> = { auth: 2 };

test('a Deployment an HPA scales sets no replica count of its own; the others state theirs', async (t) => {
  const { objects } = await rendered();
  const scaled = new Set(
    objects.filter((o): o is Hpa => o.kind === 'HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef.name),
  );
  t.deepEqual([...scaled].sort(), ['gateway', 'notice', 'payment', 'reservation', 'roominfo']);
  for (const workload of workloads(objects)) {
    if (scaled.has(workload.metadata.name)) {
      t.is(workload.spec.replicas, undefined, `${workload.metadata.name}: the HPA owns the count`);
    } else {
      const count = stated[workload.metadata.name] ?? 1;
      t.is(workload.spec.replicas, count, `${workload.metadata.name}: ${count} replica(s), stated`);
    }
  }
});
