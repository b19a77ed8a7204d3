import { CancelReservation, PlaceReservation, type Reservation as WireReservation } from '@roomstay/contracts';
import { callerOf, parse, requestBody, Router, type Caller } from '@roomstay/platform';
import type { PayOutcome } from '../application/pay-reservation.ts';
import { factsOf, type Reservation } from '../domain/reservation.ts';

/** A reservation as the API shows it: its facts and status, and while unpaid when its hold runs out. */
export function toWire(r: Reservation): WireReservation {
  return { ...factsOf(r), status: r.status, ...(r.status === 'reserved' ? { expiresAt: r.expiresAt } : {}) };
}

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
    ctx.body = toWire(await deps.placeReservation(callerOf(ctx), parse(PlaceReservation, requestBody(ctx))));
  });
  router.get('/reservations/:id', async (ctx) => {
    ctx.body = toWire(await deps.getReservation(callerOf(ctx), ctx.params['id'] ?? ''));
  });
  router.post('/reservations/:id/payment', async (ctx) => {
    const key = ctx.get('idempotency-key') || undefined;
    const { reservation, ...paid } = await deps.payReservation(callerOf(ctx), ctx.params['id'] ?? '', key);
    ctx.body = { reservation: toWire(reservation), ...paid };
  });
  router.post('/reservations/:id/cancel', async (ctx) => {
    const { reason } = parse(CancelReservation, requestBody(ctx) ?? {});
    ctx.body = toWire(
      await deps.cancelReservation(callerOf(ctx), ctx.params['id'] ?? '', reason ?? 'cancelled by customer'),
    );
  });
  return router;
}
