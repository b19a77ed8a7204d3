// Over gRPC as over HTTP, only promotion's own sidecar, which presents the app
// token as `dapr-api-token` metadata, may call the app: every method refuses
// any other caller before reading its request.
import test from 'ava';
import { grpc } from '@roomstay/platform/grpc';
import { silentLogger } from '@roomstay/platform';
import { testAppToken } from '../../../packages/platform/test/support/http.ts';
import { paidPayment, paymentApproved } from './support/app.ts';
import {
  appCallbackClient,
  callUnary,
  promotionsClient,
  serveBoth,
  sidecarMetadata,
  topicEventRequest,
} from './support/drivers.ts';
import { cloudEvent } from '../../../packages/platform/test/support/http.ts';
import { InMemoryPromotionStore } from './support/memory-store.ts';

test('every gRPC method refuses a caller without the app token: UNAUTHENTICATED, nothing granted', async (t) => {
  const store = new InMemoryPromotionStore();
  const port = await serveBoth(t, {
    appToken: testAppToken,
    store,
    clock: { now: () => '2030-01-01T09:00:00.000Z' },
    ids: { couponId: () => 'CPN-1' },
    logger: silentLogger,
    onCommitted: () => undefined,
  });
  const callback = appCallbackClient(port);
  const promotions = promotionsClient(`127.0.0.1:${port}`);
  t.teardown(() => {
    callback.close();
    promotions.close();
  });
  const calls: Array<[string, grpc.Client, string, unknown]> = [
    [
      'OnInvoke',
      callback,
      'onInvoke',
      {
        method: 'promotions',
        data: { typeUrl: '', value: Buffer.from(JSON.stringify(paidPayment(120_000))) },
        contentType: 'application/json',
        httpExtension: { verb: 'POST', querystring: '' },
      },
    ],
    [
      'OnTopicEvent',
      callback,
      'onTopicEvent',
      topicEventRequest('PaymentApproved', cloudEvent('PaymentApproved', 'e1', paymentApproved(120_000))),
    ],
    ['promotions/grant', promotions, 'grant', paidPayment(120_000)],
    ['promotions/get', promotions, 'get', { paymentId: 'PAY-1' }],
  ];
  for (const [name, client, method, request] of calls) {
    for (const [who, metadata] of [
      ['no token', new grpc.Metadata()],
      ['another token', sidecarMetadata('not-the-app-token')],
    ] as const) {
      const answer = await callUnary(client, method, request, metadata);
      t.is('error' in answer ? answer.error.code : undefined, grpc.status.UNAUTHENTICATED, `${name} with ${who}`);
    }
  }
  t.deepEqual(store.all(), []);
  // The control: the same call with the app token goes through.
  const granted = await callUnary(promotions, 'grant', paidPayment(120_000), sidecarMetadata());
  t.false('error' in granted);
});
