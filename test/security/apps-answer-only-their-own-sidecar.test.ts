// A local process, or another app holding its own tokens, calls an app's port
// directly: without the app token, with another app's, with identity headers.
import test from 'ava';
import { rawRequest } from '../../packages/platform/test/support/http.ts';
import { appSecrets } from '../support/operator.ts';
import { layout, refused } from './support/attacks.ts';

// Every route each app serves, internal ones first.
const routes: Record<string, [string, string][]> = {
  auth: [
    ['POST', '/auth/token'],
    ['GET', '/auth/jwks'],
    ['GET', '/auth/.well-known/openid-configuration'],
  ],
  room: [
    ['GET', '/rooms'],
    ['POST', '/rooms'],
    ['POST', '/events/ReservationPlaced'],
  ],
  reservation: [
    ['POST', '/reservations'],
    ['GET', '/reservations/RSV-1'],
    ['POST', '/reservations/RSV-1/cancel'],
    ['POST', '/events/PromotionSaved'],
  ],
  payment: [
    ['POST', '/payments'],
    ['GET', '/payments/RSV-1'],
    ['POST', '/payments/RSV-1/refund'],
  ],
  promotion: [
    ['POST', '/promotions'],
    ['GET', '/promotions/PAY-1'],
    ['POST', '/events/PaymentApproved'],
  ],
  roominfo: [
    ['GET', '/mypage/alice'],
    ['POST', '/events/PromotionSaved'],
  ],
  notice: [
    ['GET', '/notices/alice'],
    ['POST', '/events/PaymentApproved'],
  ],
};

const forgedIdentity = { 'x-caller-id': 'alice', 'x-caller-role': 'admin', 'dapr-caller-app-id': 'gateway' };

test('every app but the ingress refuses, on every route, a caller without its app token', async (t) => {
  for (const app of await layout()) {
    if (app.appID === 'gateway') continue;
    const other = appSecrets(app.appID === 'roominfo' ? 'payment' : 'roominfo').appApiToken;
    for (const [method, path] of routes[app.appID] ?? []) {
      for (const [who, headers] of [
        ['no token, forged identity', forgedIdentity],
        ["another app's app token", { ...forgedIdentity, 'dapr-api-token': other }],
        ["its sidecar's API token", { ...forgedIdentity, 'dapr-api-token': appSecrets(app.appID).daprApiToken }],
      ] as const) {
        const reply = await rawRequest(
          app.appPort,
          method,
          path,
          { ...headers, 'content-type': 'application/json' },
          '{}',
        );
        refused(t, `${method} ${path} on ${app.appID}'s port with ${who}`, reply.status === 401, reply.status);
      }
    }
    // The probes stay open: the kubelet has no token.
    t.is((await rawRequest(app.appPort, 'GET', '/health')).status, 200);
  }
});
