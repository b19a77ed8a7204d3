// Any local process, or an app holding its own tokens, tries every sidecar's
// API (HTTP and gRPC) without a token and with another app's token.
import test from 'ava';
import { credentials, Metadata, makeGenericClientConstructor, status, type ServiceError } from '@grpc/grpc-js';
import { appSecrets } from '../support/operator.ts';
import { apps, layout, refused } from './support/attacks.ts';

// Reads and writes of every kind the sidecar API offers.
const httpCalls: [string, string][] = [
  ['GET', '/v1.0/metadata'],
  ['POST', '/v1.0/publish/pubsub/PaymentApproved'],
  ['GET', '/v1.0/state/reservation-store/x'],
  ['POST', '/v1.0/state/payment-store'],
  ['GET', '/v1.0/secrets/secretstore/KAFKA_PASSWORD'],
  ['POST', '/v1.0/invoke/promotion/method/promotions'],
  ['POST', '/v1.0/shutdown'],
];

test("every sidecar HTTP API refuses a caller without a token or with another app's token", async (t) => {
  for (const app of await layout()) {
    const other = appSecrets(app.appID === 'roominfo' ? 'payment' : 'roominfo').daprApiToken;
    for (const [method, path] of httpCalls) {
      for (const [who, headers] of [
        ['no token', {}],
        ["another app's token", { 'dapr-api-token': other }],
        ['its app token instead of its API token', { 'dapr-api-token': appSecrets(app.appID).appApiToken }],
      ] as const) {
        const response = await fetch(`http://127.0.0.1:${app.daprHTTPPort}${path}`, {
          method,
          headers: { ...headers, 'content-type': 'application/json' },
          ...(method === 'POST' ? { body: '[]' } : {}),
        });
        refused(t, `${method} ${path} on ${app.appID}'s sidecar with ${who}`, response.status === 401, response.status);
      }
    }
  }
  // The control: its own token opens it.
  const own = await fetch('http://127.0.0.1:3500/v1.0/metadata', {
    headers: { 'dapr-api-token': appSecrets('gateway').daprApiToken },
  });
  t.is(own.status, 200);
});

// Raw gRPC: dapr.proto.runtime.v1.Dapr/GetMetadata with an empty request.
const Raw = makeGenericClientConstructor({}, 'Raw');
function grpcGetMetadata(port: number, token?: string): Promise<ServiceError | undefined> {
  const client = new Raw(`127.0.0.1:${port}`, credentials.createInsecure());
  const metadata = new Metadata();
  if (token) metadata.set('dapr-api-token', token);
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      '/dapr.proto.runtime.v1.Dapr/GetMetadata',
      (value: Buffer) => value,
      (value: Buffer) => value,
      Buffer.alloc(0),
      metadata,
      { deadline: Date.now() + 5000 },
      (error) => {
        client.close();
        resolve(error ?? undefined);
      },
    );
  });
}

test("every sidecar gRPC API refuses a caller without a token or with another app's token", async (t) => {
  for (const app of await layout()) {
    const other = appSecrets(app.appID === 'roominfo' ? 'payment' : 'roominfo').daprApiToken;
    for (const [who, token] of [
      ['no token', undefined],
      ["another app's token", other],
    ] as const) {
      const error = await grpcGetMetadata(app.daprGRPCPort, token);
      refused(
        t,
        `gRPC GetMetadata on ${app.appID}'s sidecar with ${who}`,
        error?.code === status.UNAUTHENTICATED,
        error ? `${error.code} ${error.details}` : 'answered',
      );
    }
  }
  t.is(await grpcGetMetadata(3600, appSecrets('gateway').daprApiToken), undefined, 'its own token opens it');
});

test("the apps list is the run file's", async (t) => {
  t.deepEqual(
    (await layout()).map((a) => a.appID),
    [...apps],
  );
});
