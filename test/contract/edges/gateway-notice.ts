// gateway -> notice: the caller's own notices, the customer id in the path
// taken from the verified token, never from the client.
import { gatewayInteraction, identityOf, succeeded, type GatewayContract } from '../support/gateway.ts';

const notice = {
  noticeId: 'PAY-1.PaymentApproved',
  customerId: 'alice',
  kind: 'payment-approved',
  reservationId: 'RSV-1',
  message: 'Payment of 100,000 won for reservation RSV-1 is approved.',
  at: '2030-01-01T09:01:00.000Z',
};

export const gatewayNotice: GatewayContract = {
  consumer: 'gateway',
  provider: 'notice',
  interactions: [
    gatewayInteraction({
      route: 'listNotices',
      description: "list the caller's notices",
      state: 'alice was told RSV-1 was placed and paid',
      client: { method: 'GET', path: '/notices', as: 'alice' },
      request: { method: 'GET', path: '/notices/alice', headers: identityOf('alice') },
      response: succeeded('listNotices', { notices: [notice] }),
    }),
    gatewayInteraction({
      route: 'listNotices',
      description: "list the caller's notices a page at a time",
      state: 'alice was told RSV-1 was placed and paid',
      client: { method: 'GET', path: '/notices?limit=1', as: 'alice' },
      request: { method: 'GET', path: '/notices/alice?limit=1', headers: identityOf('alice') },
      response: succeeded('listNotices', { notices: [notice], next: 'UEFZLTEuUGF5bWVudEFwcHJvdmVk' }),
    }),
  ],
};
