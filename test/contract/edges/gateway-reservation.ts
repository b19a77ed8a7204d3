// gateway -> reservation: placing, reading, paying and cancelling, each as the
// signed-in customer, whose identity the gateway sends in its signed headers.
import { errorExample, refusalOf } from '../support/contract.ts';
import { gatewayInteraction, identityOf, succeeded, type GatewayContract } from '../support/gateway.ts';

const stay = { roomId: 'R-OCEAN', checkIn: '2030-03-01', nights: 2 };
const reserved = {
  reservationId: 'RSV-1',
  customerId: 'alice',
  roomId: 'R-OCEAN',
  checkIn: '2030-03-01',
  checkOut: '2030-03-03',
  nights: 2,
  price: 100_000,
  status: 'reserved',
  expiresAt: '2030-01-01T09:15:00.000Z',
};
/** Once paid or ended, a reservation no longer runs out. */
const { expiresAt: _expiresAt, ...settled } = reserved;
const asAlice = identityOf('alice');
const payOnce = { 'idempotency-key': 'pay-once' };

export const gatewayReservation: GatewayContract = {
  consumer: 'gateway',
  provider: 'reservation',
  interactions: [
    gatewayInteraction({
      route: 'placeReservation',
      description: 'place a reservation for a stay',
      state: 'room R-OCEAN of 50,000 a night is in the catalogue',
      client: { method: 'POST', path: '/reservations', as: 'alice', body: stay },
      request: { method: 'POST', path: '/reservations', headers: asAlice, body: stay },
      response: succeeded('placeReservation', reserved),
    }),
    gatewayInteraction({
      route: 'placeReservation',
      description: 'place a reservation of a room that does not exist',
      state: 'room R-OCEAN of 50,000 a night is in the catalogue',
      client: { method: 'POST', path: '/reservations', as: 'alice', body: { ...stay, roomId: 'R-NOWHERE' } },
      request: { method: 'POST', path: '/reservations', headers: asAlice, body: { ...stay, roomId: 'R-NOWHERE' } },
      response: {
        status: 404,
        body: refusalOf('not_found'),
        example: errorExample('not_found', 'no room R-NOWHERE', 'roomId'),
      },
    }),
    gatewayInteraction({
      route: 'placeReservation',
      description: 'place a reservation of nights that are taken',
      state: 'R-OCEAN is taken on 2030-03-01 and 2030-03-02',
      client: { method: 'POST', path: '/reservations', as: 'alice', body: stay },
      request: { method: 'POST', path: '/reservations', headers: asAlice, body: stay },
      response: {
        status: 409,
        body: refusalOf('room_unavailable'),
        example: errorExample('room_unavailable', 'room R-OCEAN is taken for some of 2030-03-01 .. 2030-03-03'),
      },
    }),
    gatewayInteraction({
      route: 'placeReservation',
      description: 'place one more reservation than a customer may hold unpaid',
      state: 'alice holds as many unpaid reservations as she may',
      client: { method: 'POST', path: '/reservations', as: 'alice', body: stay },
      request: { method: 'POST', path: '/reservations', headers: asAlice, body: stay },
      response: {
        status: 429,
        body: refusalOf('hold_limit_reached'),
        example: errorExample('hold_limit_reached', 'at most 1 unpaid reservations at once'),
        headers: { 'retry-after': '900' },
      },
    }),
    gatewayInteraction({
      route: 'getReservation',
      description: "read one of the caller's reservations",
      state: 'alice has reservation RSV-1',
      client: { method: 'GET', path: '/reservations/RSV-1', as: 'alice' },
      request: { method: 'GET', path: '/reservations/RSV-1', headers: asAlice },
      response: succeeded('getReservation', reserved),
    }),
    gatewayInteraction({
      route: 'getReservation',
      description: "read another customer's reservation, which is as good as none",
      state: 'bob has reservation RSV-1',
      client: { method: 'GET', path: '/reservations/RSV-1', as: 'alice' },
      request: { method: 'GET', path: '/reservations/RSV-1', headers: asAlice },
      response: {
        status: 404,
        body: refusalOf('not_found'),
        example: errorExample('not_found', 'no reservation RSV-1'),
      },
    }),
    gatewayInteraction({
      route: 'payReservation',
      description: 'pay a reservation with an Idempotency-Key',
      state: 'alice has reservation RSV-1',
      client: { method: 'POST', path: '/reservations/RSV-1/payment', as: 'alice', headers: payOnce },
      request: {
        method: 'POST',
        path: '/reservations/RSV-1/payment',
        headers: { ...asAlice, ...payOnce },
        body: {},
      },
      response: succeeded('payReservation', {
        reservation: { ...settled, status: 'paid' },
        payment: {
          paymentId: 'PAY-1',
          reservationId: 'RSV-1',
          customerId: 'alice',
          paymentPrice: 100_000,
          paymentStatus: 'Y',
        },
        promotion: { status: 'pending' },
      }),
    }),
    gatewayInteraction({
      route: 'payReservation',
      description: 'pay a cancelled reservation',
      state: "alice's reservation RSV-1 is cancelled",
      client: { method: 'POST', path: '/reservations/RSV-1/payment', as: 'alice' },
      request: { method: 'POST', path: '/reservations/RSV-1/payment', headers: asAlice, body: {} },
      response: {
        status: 409,
        body: refusalOf('reservation_not_payable'),
        example: errorExample('reservation_not_payable', 'reservation RSV-1 is cancelled'),
      },
    }),
    gatewayInteraction({
      route: 'payReservation',
      description: 'pay a reservation whose hold ran out',
      state: "alice's reservation RSV-1 ran out unpaid",
      client: { method: 'POST', path: '/reservations/RSV-1/payment', as: 'alice' },
      request: { method: 'POST', path: '/reservations/RSV-1/payment', headers: asAlice, body: {} },
      response: {
        status: 409,
        body: refusalOf('reservation_expired'),
        example: errorExample('reservation_expired', 'reservation RSV-1 was not paid within its hold time'),
      },
    }),
    gatewayInteraction({
      route: 'payReservation',
      description: 'pay with an Idempotency-Key used for another reservation',
      state: 'alice paid RSV-2 with Idempotency-Key pay-once and has RSV-1 unpaid',
      client: { method: 'POST', path: '/reservations/RSV-1/payment', as: 'alice', headers: payOnce },
      request: {
        method: 'POST',
        path: '/reservations/RSV-1/payment',
        headers: { ...asAlice, ...payOnce },
        body: {},
      },
      response: {
        status: 422,
        body: refusalOf('idempotency_key_reused'),
        example: errorExample('idempotency_key_reused', 'this Idempotency-Key was used for another request'),
      },
    }),
    gatewayInteraction({
      route: 'payReservation',
      description: 'pay while payment is unavailable',
      state: 'alice has reservation RSV-1 and payment is unavailable',
      client: { method: 'POST', path: '/reservations/RSV-1/payment', as: 'alice' },
      request: { method: 'POST', path: '/reservations/RSV-1/payment', headers: asAlice, body: {} },
      response: {
        status: 503,
        body: refusalOf('service_unavailable'),
        example: errorExample('service_unavailable', 'the service could not complete the request'),
        headers: { 'retry-after': '5' },
      },
    }),
    gatewayInteraction({
      route: 'cancelReservation',
      description: 'cancel a reservation with a reason',
      state: 'alice has reservation RSV-1',
      client: { method: 'POST', path: '/reservations/RSV-1/cancel', as: 'alice', body: { reason: 'plans changed' } },
      request: {
        method: 'POST',
        path: '/reservations/RSV-1/cancel',
        headers: asAlice,
        body: { reason: 'plans changed' },
      },
      response: succeeded('cancelReservation', { ...settled, status: 'cancelled' }),
    }),
    gatewayInteraction({
      route: 'cancelReservation',
      description: "cancel another customer's reservation, which is as good as none",
      state: 'bob has reservation RSV-1',
      client: { method: 'POST', path: '/reservations/RSV-1/cancel', as: 'alice' },
      request: { method: 'POST', path: '/reservations/RSV-1/cancel', headers: asAlice, body: {} },
      response: {
        status: 404,
        body: refusalOf('not_found'),
        example: errorExample('not_found', 'no reservation RSV-1'),
      },
    }),
  ],
};
