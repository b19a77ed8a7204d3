// Promotion's gRPC side under attack: its own API through every other app's
// sidecar (gRPC proxying), without a sidecar token, a method no app may call,
// and the app's port directly without its app token.
import test from 'ava';
import { grpc } from '@roomstay/platform/grpc';
import {
  appCallbackClient,
  callUnary,
  promotionsClient,
  sidecarMetadata,
} from '../../services/promotion/test/support/drivers.ts';
import { appSecrets, sidecarGrpcPort } from '../support/operator.ts';
import { apps, layout, refused } from './support/attacks.ts';

const grant = {
  paymentId: 'PAY-attack',
  reservationId: 'RSV-attack',
  customerId: 'mallory',
  customerName: 'Mallory',
  paymentPrice: 1_000_000,
  paymentStatus: 'Y',
};

function through(appId: string, token: string | undefined): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('dapr-app-id', 'promotion');
  if (token !== undefined) metadata.set('dapr-api-token', token);
  return metadata;
}

const codeOf = (answer: { error: grpc.ServiceError } | { response: unknown }) =>
  'error' in answer ? answer.error.code : grpc.status.OK;

test('promotions/grant through any sidecar but payment’s is denied by promotion’s access control', async (t) => {
  for (const caller of apps) {
    if (caller === 'payment' || caller === 'promotion') continue;
    const client = promotionsClient(`127.0.0.1:${await sidecarGrpcPort(caller)}`);
    try {
      const answer = await callUnary(client, 'grant', grant, through(caller, appSecrets(caller).daprApiToken));
      refused(
        t,
        `${caller} -> promotion promotions/grant (gRPC proxy)`,
        codeOf(answer) === grpc.status.PERMISSION_DENIED,
        'error' in answer ? answer.error.message : 'granted',
      );
    } finally {
      client.close();
    }
  }
});

test('promotions/get is denied to every app, payment included: no one reads promotions by gRPC', async (t) => {
  for (const caller of apps) {
    if (caller === 'promotion') continue;
    const client = promotionsClient(`127.0.0.1:${await sidecarGrpcPort(caller)}`);
    try {
      const answer = await callUnary(
        client,
        'get',
        { paymentId: 'PAY-attack' },
        through(caller, appSecrets(caller).daprApiToken),
      );
      refused(
        t,
        `${caller} -> promotion promotions/get (gRPC proxy)`,
        codeOf(answer) === grpc.status.PERMISSION_DENIED,
        'error' in answer ? answer.error.message : 'answered',
      );
    } finally {
      client.close();
    }
  }
});

test("payment's sidecar refuses a gRPC call without payment's sidecar token", async (t) => {
  const client = promotionsClient(`127.0.0.1:${await sidecarGrpcPort('payment')}`);
  t.teardown(() => client.close());
  for (const [who, token] of [
    ['no token', undefined],
    ["promotion's app token", appSecrets('promotion').appApiToken],
    ["another app's sidecar token", appSecrets('reservation').daprApiToken],
  ] as const) {
    const answer = await callUnary(client, 'grant', grant, through('payment', token));
    refused(
      t,
      `promotions/grant through payment's sidecar with ${who}`,
      codeOf(answer) === grpc.status.UNAUTHENTICATED,
      'error' in answer ? answer.error.message : 'granted',
    );
  }
});

test("promotion's port refuses gRPC callers without its app token, on every method", async (t) => {
  const port = (await layout()).find((a) => a.appID === 'promotion')?.appPort;
  if (!port) return t.fail('no promotion in dapr.yaml');
  const promotions = promotionsClient(`127.0.0.1:${port}`);
  const callback = appCallbackClient(port);
  t.teardown(() => {
    promotions.close();
    callback.close();
  });
  const invoke = {
    method: 'promotions',
    data: { typeUrl: '', value: Buffer.from(JSON.stringify(grant)) },
    contentType: 'application/json',
    httpExtension: { verb: 'POST', querystring: '' },
  };
  for (const [who, metadata] of [
    ['no token', new grpc.Metadata()],
    ["promotion's sidecar token", sidecarMetadata(appSecrets('promotion').daprApiToken)],
    ["payment's app token", sidecarMetadata(appSecrets('payment').appApiToken)],
  ] as const) {
    for (const [name, client, method, request] of [
      ['promotions/grant', promotions, 'grant', grant],
      ['promotions/get', promotions, 'get', { paymentId: 'PAY-attack' }],
      ['AppCallback.OnInvoke', callback, 'onInvoke', invoke],
    ] as const) {
      const answer = await callUnary(client, method, request, metadata);
      refused(
        t,
        `${name} on promotion's port with ${who}`,
        codeOf(answer) === grpc.status.UNAUTHENTICATED,
        'error' in answer ? answer.error.message : 'answered',
      );
    }
  }
});
