// Every contract, by kind. every-edge-has-a-contract.test.ts holds this list
// to the edges the code has.
import type { InvocationContract } from '../support/contract.ts';
import type { GatewayContract } from '../support/gateway.ts';
import { gatewayAuth, gatewayAuthGrants } from './gateway-auth.ts';
import { gatewayNotice } from './gateway-notice.ts';
import { gatewayReservation } from './gateway-reservation.ts';
import { gatewayRoom } from './gateway-room.ts';
import { gatewayRoominfo } from './gateway-roominfo.ts';
import { paymentPromotion } from './payment-promotion.ts';
import { reservationPayment } from './reservation-payment.ts';

export const gatewayContracts: readonly GatewayContract[] = [
  gatewayRoom,
  gatewayReservation,
  gatewayRoominfo,
  gatewayNotice,
  gatewayAuth,
];

export const invocationContracts: readonly InvocationContract[] = [
  ...gatewayContracts,
  gatewayAuthGrants,
  reservationPayment,
  paymentPromotion,
];
