import test from 'ava';
import { rendered, workloads, type K8sObject } from './support/manifests.ts';

interface Hpa extends K8sObject {
  spec: { scaleTargetRef: { name: string } };
}

test('a Deployment an HPA scales sets no replica count of its own', async (t) => {
  const { objects } = await rendered();
  const scaled = new Set(
    objects.filter((o): o is Hpa => o.kind === 'HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef.name),
  );
  t.deepEqual([...scaled].sort(), ['gateway', 'notice', 'payment', 'reservation', 'roominfo']);
  for (const workload of workloads(objects)) {
    if (scaled.has(workload.metadata.name)) {
      t.is(workload.spec.replicas, undefined, `${workload.metadata.name}: the HPA owns the count`);
    } else {
      t.is(workload.spec.replicas, 1, `${workload.metadata.name}: one replica, stated`);
    }
  }
});
