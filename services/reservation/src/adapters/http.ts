import { CancelReservation, PlaceReservation, type Reservation } from '@roomstay/contracts';
import { callerOf, parse, requestBody, Router, type Caller } from '@roomstay/platform';
import type { PayOutcome } from '../application/reservations.ts';

export interface ReservationHttpDeps {
  placeReservation: (caller: Caller, input: PlaceReservation) => Promise<Reservation>;
  getReservation: (caller: Caller, reservationId: string) => Promise<Reservation>;
  payReservation: (caller: Caller, reservationId: string, idempotencyKey?: string) => Promise<PayOutcome>;
  cancelReservation: (caller: Caller, reservationId: string, reason: string) => Promise<Reservation>;
}

export function reservationRouter(deps: ReservationHttpDeps): Router {
  const router = new Router();
  router.post('/reservations', async (ctx) => {
    ctx.status = 201;
    ctx.body = await deps.placeReservation(callerOf(ctx), parse(PlaceReservation, requestBody(ctx)));
  });
  router.get('/reservations/:id', async (ctx) => {
    ctx.body = await deps.getReservation(callerOf(ctx), ctx.params['id'] ?? '');
  });
  router.post('/reservations/:id/payment', async (ctx) => {
    const key = ctx.get('idempotency-key') || undefined;
    ctx.body = await deps.payReservation(callerOf(ctx), ctx.params['id'] ?? '', key);
  });
  router.post('/reservations/:id/cancel', async (ctx) => {
    const { reason } = parse(CancelReservation, requestBody(ctx) ?? {});
    ctx.body = await deps.cancelReservation(callerOf(ctx), ctx.params['id'] ?? '', reason ?? 'cancelled by customer');
  });
  return router;
}
