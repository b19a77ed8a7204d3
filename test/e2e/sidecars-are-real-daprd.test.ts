import { readFile } from 'node:fs/promises';
import test from 'ava';
import { sidecarFetch } from '../support/operator.ts';
import { sidecarPort } from '../support/stack.ts';

interface Metadata {
  id: string;
  runtimeVersion: string;
  components?: Array<{ name: string; type: string }>;
}

const expected: Record<keyof typeof sidecarPort, Record<string, string>> = {
  gateway: {},
  auth: { 'auth-store': 'state.redis', secretstore: 'secretstores.local.env' },
  room: { pubsub: 'pubsub.kafka', 'room-store': 'state.sqlite', secretstore: 'secretstores.local.env' },
  reservation: {
    pubsub: 'pubsub.kafka',
    'reservation-store': 'state.redis',
    'reservation-archive': 'state.postgresql',
    secretstore: 'secretstores.local.env',
  },
  payment: { pubsub: 'pubsub.kafka', 'payment-store': 'state.postgresql', secretstore: 'secretstores.local.env' },
  promotion: { pubsub: 'pubsub.kafka', secretstore: 'secretstores.local.env' },
  roominfo: { pubsub: 'pubsub.kafka', secretstore: 'secretstores.local.env' },
  notice: { pubsub: 'pubsub.kafka', secretstore: 'secretstores.local.env' },
};

test('every app has its own daprd sidecar at the pinned release, with only the components scoped to it', async (t) => {
  const goMod = await readFile(new URL('../../tools/provision/daprd/go.mod', import.meta.url), 'utf8');
  const pinned = /github\.com\/dapr\/dapr v(\S+)/.exec(goMod)?.[1];
  if (!pinned) throw new Error('tools/provision/daprd/go.mod pins no dapr release');
  const usersDaprd = process.env['DAPRD_FROM_USER'] === '1';
  for (const app of Object.keys(sidecarPort)) {
    const response = await sidecarFetch(app as keyof typeof sidecarPort, '/v1.0/metadata');
    t.is(response.status, 200, `${app} sidecar answers its metadata`);
    const metadata = (await response.json()) as Metadata;
    t.is(metadata.id, app);
    if (!usersDaprd) t.is(metadata.runtimeVersion, pinned, `${app} sidecar runs daprd ${pinned}`);
    const components = Object.fromEntries((metadata.components ?? []).map((c) => [c.name, c.type]));
    t.deepEqual(components, expected[app as keyof typeof sidecarPort], `${app} components`);
  }
});
