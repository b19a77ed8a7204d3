// With app protocol gRPC, payment's POST /promotions reaches promotion as
// AppCallback.OnInvoke. The answer must be what payment reads over HTTP: the
// promotion as JSON, a refusal in the InternalRefusal envelope (so payment's
// circuit breaker never counts it), and nothing else served by invocation.
import test, { type ExecutionContext } from 'ava';
import { InternalRefusal, Promotion as WirePromotion } from '@roomstay/contracts';
import { grpc } from '@roomstay/platform/grpc';
import { silentLogger } from '@roomstay/platform';
import { testAppToken } from '../../../packages/platform/test/support/http.ts';
import { paidPayment } from './support/app.ts';
import { appCallbackClient, callUnary, serveBoth, sidecarMetadata } from './support/drivers.ts';
import { InMemoryPromotionStore } from './support/memory-store.ts';

async function promotionApp(t: ExecutionContext) {
  const store = new InMemoryPromotionStore();
  const port = await serveBoth(t, {
    appToken: testAppToken,
    store,
    clock: { now: () => '2030-01-01T09:00:00.000Z' },
    ids: { couponId: () => 'CPN-1' },
    logger: silentLogger,
    onCommitted: () => undefined,
  });
  const client = appCallbackClient(port);
  t.teardown(() => client.close());
  /** OnInvoke as promotion's sidecar sends an HTTP caller's request. */
  const invoke = async (
    verb: string,
    method: string,
    body: string,
  ): Promise<{ error: grpc.ServiceError } | { contentType: string; body: unknown }> => {
    const answer = await callUnary(
      client,
      'onInvoke',
      {
        method,
        data: { typeUrl: '', value: Buffer.from(body) },
        contentType: 'application/json',
        httpExtension: { verb, querystring: '' },
      },
      sidecarMetadata(),
    );
    if ('error' in answer) return { error: answer.error };
    const response = answer.response as { data: { value: Buffer }; contentType: string };
    return { contentType: response.contentType, body: JSON.parse(response.data.value.toString('utf8')) as unknown };
  };
  return { store, invoke };
}

test("payment's POST /promotions over OnInvoke answers the granted promotion as JSON", async (t) => {
  const { store, invoke } = await promotionApp(t);
  const answer = await invoke('POST', 'promotions', JSON.stringify(paidPayment(120_000)));
  if ('error' in answer) return t.fail(answer.error.message);
  t.is(answer.contentType, 'application/json');
  t.like(WirePromotion.parse(answer.body), { couponId: 'CPN-1', service: 'DISCOUNT COUPON', point: 12_000 });
  t.is(store.all().length, 1);
});

test('a refusal over OnInvoke is the InternalRefusal envelope, as over HTTP', async (t) => {
  const { store, invoke } = await promotionApp(t);
  const unpaid = await invoke('POST', 'promotions', JSON.stringify(paidPayment(120_000, { paymentStatus: 'N' })));
  if ('error' in unpaid) return t.fail(unpaid.error.message);
  t.like(InternalRefusal.parse(unpaid.body).refused, {
    status: 422,
    body: { error: { code: 'payment_not_approved' } },
  });
  const broken = await invoke('POST', 'promotions', '{"paymentId":');
  if ('error' in broken) return t.fail(broken.error.message);
  t.like(InternalRefusal.parse(broken.body).refused, { status: 400, body: { error: { code: 'invalid_json' } } });
  t.deepEqual(store.all(), []);
});

test('only POST /promotions is served by invocation: another verb or path is PERMISSION_DENIED', async (t) => {
  const { invoke } = await promotionApp(t);
  // The callee's sidecar matches access control by path alone for a gRPC app, so the app refuses these itself.
  for (const [verb, method] of [
    ['GET', 'promotions/PAY-1'],
    ['GET', 'promotions'],
    ['POST', 'promotions/PAY-1'],
    ['POST', 'events/PaymentApproved'],
  ] as const) {
    const answer = await invoke(verb, method, verb === 'POST' ? JSON.stringify(paidPayment(120_000)) : '');
    t.is('error' in answer ? answer.error.code : undefined, grpc.status.PERMISSION_DENIED, `${verb} ${method}`);
  }
});
