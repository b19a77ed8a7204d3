import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../../tools/lib/paths.ts';
import { rendered, type K8sObject } from './support/manifests.ts';

const daprKinds = ['Component', 'Subscription', 'Configuration', 'Resiliency'];

/** The Dapr objects of the files the local run loads (components/, dapr/), but Sentry's own. */
async function localObjects(): Promise<K8sObject[]> {
  const files = [
    ...[
      'pubsub',
      'secretstore',
      'statestore-auth',
      'statestore-payment',
      'statestore-reservation',
      'statestore-reservation-archive',
      'statestore-room',
      'subscriptions',
    ].map((f) => join('components', `${f}.yaml`)),
    join('dapr', 'config.yaml'),
    join('dapr', 'resiliency.yaml'),
  ];
  const objects: K8sObject[] = [];
  for (const file of files) {
    for (const d of parseAllDocuments(await readFile(join(repoRoot, file), 'utf8')))
      objects.push(d.toJS() as K8sObject);
  }
  return objects.filter((o) => daprKinds.includes(o.kind));
}

interface MetadataItem {
  name: string;
  value?: string;
}

test('the Dapr components, subscriptions, configuration and resiliency deployed are the local run files', async (t) => {
  const { objects } = await rendered();
  const deployed = objects.filter((o) => daprKinds.includes(o.kind));
  const local = await localObjects();
  t.deepEqual(
    deployed.map((o) => `${o.kind}/${o.metadata.name}`).sort(),
    local.map((o) => `${o.kind}/${o.metadata.name}`).sort(),
  );
  // What may differ, and only that: the namespace, the in-cluster addresses, name resolution, Sentry's address.
  const expected = (o: K8sObject): unknown => {
    const copy = structuredClone(o) as K8sObject & { spec: Record<string, unknown> };
    copy.metadata = { ...copy.metadata, namespace: 'roomstay' };
    const metadata = copy.spec['metadata'] as MetadataItem[] | undefined;
    const set = (name: string, value: string) => {
      const item = metadata?.find((m) => m.name === name);
      if (item) item.value = value;
    };
    if (o.kind === 'Component' && o.metadata.name === 'pubsub') {
      set('brokers', 'roomstay-kafka-bootstrap.roomstay.svc.cluster.local:9092');
    }
    if (o.kind === 'Component' && ['reservation-store', 'auth-store'].includes(o.metadata.name)) {
      set('redisHost', 'redis.roomstay.svc.cluster.local:6379');
    }
    if (o.kind === 'Configuration') {
      delete copy.spec['nameResolution'];
      copy.spec['mtls'] = {
        ...(copy.spec['mtls'] as object),
        controlPlaneTrustDomain: 'cluster.local',
        sentryAddress: 'dapr-sentry.dapr-system.svc.cluster.local:443',
      };
    }
    return copy;
  };
  for (const o of local) {
    const found = deployed.find((d) => d.kind === o.kind && d.metadata.name === o.metadata.name);
    t.deepEqual(found, expected(o), `${o.kind}/${o.metadata.name}`);
  }
  // mTLS and deny-by-default access control, as locally.
  const config = deployed.find((o) => o.kind === 'Configuration') as
    (K8sObject & { spec: { mtls: { enabled: boolean }; accessControl: { defaultAction: string } } }) | undefined;
  t.true(config?.spec.mtls.enabled);
  t.is(config?.spec.accessControl.defaultAction, 'deny');
});
