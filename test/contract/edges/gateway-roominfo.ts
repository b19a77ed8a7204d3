// gateway -> roominfo: the caller's own page, the customer id in the path taken
// from the verified token, never from the client.
import { gatewayInteraction, identityOf, succeeded, type GatewayContract } from '../support/gateway.ts';

const line = {
  reservationId: 'RSV-1',
  roomId: 'R-OCEAN',
  checkIn: '2030-03-01',
  checkOut: '2030-03-03',
  price: 100_000,
  reservationStatus: 'reserved',
  paymentId: 'PAY-1',
  paymentStatus: 'Y',
  paymentPrice: 100_000,
  promotionStatus: 'granted',
  couponId: 'CPN-1',
  service: 'DISCOUNT COUPON',
  point: 10_000,
};

export const gatewayRoominfo: GatewayContract = {
  consumer: 'gateway',
  provider: 'roominfo',
  interactions: [
    gatewayInteraction({
      route: 'getMyPage',
      description: "read the caller's page",
      state: 'alice paid RSV-1 and was granted a promotion',
      client: { method: 'GET', path: '/mypage', as: 'alice' },
      request: { method: 'GET', path: '/mypage/alice', headers: identityOf('alice') },
      response: succeeded('getMyPage', {
        customerId: 'alice',
        reservations: [line],
        points: 10_000,
        coupons: [{ couponId: 'CPN-1', reservationId: 'RSV-1', service: 'DISCOUNT COUPON' }],
      }),
    }),
    gatewayInteraction({
      route: 'getMyPage',
      description: "read the caller's page a page at a time",
      state: 'alice paid RSV-1 and was granted a promotion, and placed RSV-2',
      client: { method: 'GET', path: '/mypage?limit=1', as: 'alice' },
      request: { method: 'GET', path: '/mypage/alice?limit=1', headers: identityOf('alice') },
      response: succeeded('getMyPage', {
        customerId: 'alice',
        reservations: [line],
        points: 10_000,
        coupons: [{ couponId: 'CPN-1', reservationId: 'RSV-1', service: 'DISCOUNT COUPON' }],
        next: 'MjAzMC0wMy0wMXxSU1YtMQ',
      }),
    }),
  ],
};
