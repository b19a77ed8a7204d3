// An outsider at the ingress, without a token and with a customer's token,
// tries to reach what no public route names: another app's internal routes,
// a sidecar's own API, or any path a decoder further in would read as another.
import test from 'ava';
import { rawRequest } from '../../packages/platform/test/support/http.ts';
import { myPageAll, users } from '../support/api.ts';
import { refused } from './support/attacks.ts';

// Where a traversal would lead: the grant of a promotion, a refund, anyone's
// page, the gateway sidecar's own API.
const targets = [
  'promotion/method/promotions',
  'payment/method/payments/x/refund',
  'roominfo/method/mypage/alice',
  'notice/method/notices/alice',
  'v1.0/metadata',
  'v1.0/shutdown',
];

// Each way of writing "up one segment".
const ups = [
  '..',
  '%2e%2e',
  '%2E%2E',
  '.%2e',
  '%2e.',
  '%252e%252e',
  '%c0%ae%c0%ae',
  '%e0%80%ae%e0%80%ae',
  '%u002e%u002e',
  '..%2f',
  '..%5c',
  '..\\',
  '..;',
  '%ef%bc%8e%ef%bc%8e',
];

// Each public route prefix an attacker could start from.
const starts = [
  '/auth',
  '/auth/token',
  '/rooms',
  '/reservations',
  '/reservations/RSV-1',
  '/mypage',
  '/notices',
  '/openapi.json',
];

const gatewayPort = 8080;

test('a dot segment, in any encoding, on any public route is refused with 400 before anything is forwarded', async (t) => {
  const alice = await users.alice();
  for (const start of starts) {
    for (const up of ups) {
      for (const target of targets) {
        const path = `${start}/${up}/${up}/${up}/${up}/${target}`;
        for (const method of ['GET', 'POST']) {
          const reply = await rawRequest(gatewayPort, method, path, { authorization: `Bearer ${alice}` });
          refused(t, `${method} ${path}`, reply.status === 400, reply.status);
        }
      }
    }
  }
});

test('the coupon of the review is not minted: the unauthenticated traversal to promotion is refused and nothing is granted', async (t) => {
  const paymentId = `PAY-forged-${Date.now()}`;
  // Alice's points before: a stack kept across runs has granted her many promotions already.
  const before = (await myPageAll(await users.alice())).body.points;
  const forged = JSON.stringify({
    paymentId,
    reservationId: `RSV-forged-${Date.now()}`,
    customerId: 'alice',
    customerName: 'Alice',
    paymentPrice: 90_000_000,
    paymentStatus: 'Y',
  });
  const reply = await rawRequest(
    gatewayPort,
    'POST',
    '/auth/%2e%2e/%2e%2e/%2e%2e/promotion/method/promotions',
    { 'content-type': 'application/json' },
    forged,
  );
  refused(t, 'POST /auth/%2e%2e/%2e%2e/%2e%2e/promotion/method/promotions', reply.status === 400, reply.status);
  const page = await myPageAll(await users.alice());
  t.false(JSON.stringify(page.body).includes(paymentId));
  t.true(page.body.points - before < 9_000_000, 'no 9,000,000 points on my page');
});

test('no public path names another app, a sidecar API or an internal route: they are not found', async (t) => {
  const alice = await users.alice();
  const paths = [
    '/v1.0/metadata',
    '/v1.0/invoke/promotion/method/promotions',
    '/v1.0/publish/pubsub/PaymentApproved',
    '/v1.0/state/reservation-store/x',
    '/v1.0/secrets/secretstore/KAFKA_PASSWORD',
    '/v1.0/shutdown',
    '/promotions',
    '/payments',
    '/payments/RSV-1/refund',
    '/mypage/bob',
    '/notices/bob',
    '/events/PaymentApproved',
    '/auth/me',
    '/auth/reg',
    '/auth/token/introspection',
    '/auth/session',
    '/auth/session/end/other',
    '/auth/interaction/x/other',
    '/auth/device',
    '/auth/backchannel',
    '/dapr/subscribe',
    '/dapr/config',
  ];
  for (const path of paths) {
    for (const method of ['GET', 'POST']) {
      const reply = await rawRequest(gatewayPort, method, path, { authorization: `Bearer ${alice}` });
      refused(t, `${method} ${path} at the ingress`, reply.status === 404 || reply.status === 405, reply.status);
    }
  }
});
