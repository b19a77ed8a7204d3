// Dapr's circuit breakers count every non-OK status of a proxied gRPC call,
// with no filter: five unpaid grants through payment's sidecar opened its
// circuit to promotion for every caller. A business refusal of promotion's own
// API therefore leaves the app as OK with the refusal in the response
// (GrantPromotionResponse.refused), seen here as a sidecar sees it: a client
// without platform's refusalsAsErrors. What is an outage stays an error.
import test, { type ExecutionContext } from 'ava';
import { silentLogger, type Faults } from '@roomstay/platform';
import { grpc } from '@roomstay/platform/grpc';
import { testAppToken } from '../../../packages/platform/test/support/http.ts';
import { paidPayment } from './support/app.ts';
import { callUnary, promotionsClient, serveBoth, sidecarMetadata } from './support/drivers.ts';
import { InMemoryPromotionStore } from './support/memory-store.ts';

async function asTheSidecarSeesIt(t: ExecutionContext, faults?: Faults) {
  const store = new InMemoryPromotionStore();
  const port = await serveBoth(t, {
    appToken: testAppToken,
    store,
    clock: { now: () => '2030-01-01T09:00:00.000Z' },
    ids: { couponId: () => 'CPN-1' },
    logger: silentLogger,
    onCommitted: () => undefined,
    faults,
  });
  const client = promotionsClient(`127.0.0.1:${port}`, []);
  t.teardown(() => client.close());
  return { store, grant: (request: unknown) => callUnary(client, 'grant', request, sidecarMetadata()) };
}

test('an unpaid grant is answered OK with the refusal inside: its status, stable code, message and field', async (t) => {
  const { store, grant } = await asTheSidecarSeesIt(t);
  const answer = await grant(paidPayment(150_000, { paymentStatus: 'N' }));
  if ('error' in answer) return t.fail(`answered ${answer.error.code} ${answer.error.details}`);
  t.like(answer.response, {
    refused: {
      status: grpc.status.FAILED_PRECONDITION,
      code: 'payment_not_approved',
      message: 'payment PAY-1 is not paid (paymentStatus "N")',
      field: 'paymentStatus',
    },
    created: false,
  });
  t.is((answer.response as { promotion?: unknown }).promotion ?? null, null, 'no promotion with a refusal');
  t.deepEqual(store.all(), []);
});

test('a grant that breaks the contract is answered OK with INVALID_ARGUMENT inside, naming the field', async (t) => {
  const { grant } = await asTheSidecarSeesIt(t);
  const answer = await grant(paidPayment(-1));
  if ('error' in answer) return t.fail(`answered ${answer.error.code} ${answer.error.details}`);
  t.like(answer.response, {
    refused: { status: grpc.status.INVALID_ARGUMENT, code: 'invalid_field', field: 'paymentPrice' },
  });
});

test('a failure of the app stays a gRPC error, for breakers and retries to see', async (t) => {
  const { grant } = await asTheSidecarSeesIt(t, { delayMs: undefined, failureRate: 1 });
  const answer = await grant(paidPayment(150_000));
  t.is('error' in answer ? answer.error.code : grpc.status.OK, grpc.status.UNAVAILABLE);
});
