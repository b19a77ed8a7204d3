import { Reservation, type PlaceReservation } from '@roomstay/contracts';
import {
  callerHeaders,
  ConcurrencyConflict,
  DueList,
  makeOutbox,
  silentLogger,
  type Caller,
  type Logger,
} from '@roomstay/platform';
import { z } from 'zod';
import type { ExecutionContext } from 'ava';
import { createApp } from '../../src/app.ts';
import { sha256Fingerprint } from '../../src/adapters/fingerprint.ts';
import { makeExpireHolds } from '../../src/application/expire-holds.ts';
import type { Hold, HoldPolicy, ReservationDeps } from '../../src/application/ports.ts';
import { InMemoryDocuments } from '../../../../packages/platform/test/support/documents.ts';
import {
  bodyAs,
  serve,
  type Client,
  type Reply,
  testAppToken,
} from '../../../../packages/platform/test/support/http.ts';
import {
  FakePaymentGateway,
  InMemoryCatalogue,
  InMemoryHolds,
  InMemoryIdempotency,
  InMemoryNights,
  InMemoryReservations,
  RecordingPublisher,
} from './fakes.ts';

export const alice: Caller = { customerId: 'alice', name: 'Alice Kim', role: 'customer' };
export const bob: Caller = { customerId: 'bob', name: 'Bob', role: 'customer' };
export const admin: Caller = { customerId: 'root', name: 'Admin', role: 'admin' };

/** Rooms the catalogue knows from the start (as RoomRegistered would have told). */
export const oceanView = { roomId: 'R-OCEAN', name: 'Ocean view', price: 50_000 };
export const garden = { roomId: 'R-GARDEN', name: 'Garden', price: 30_000 };

export const as = (caller: Caller): Record<string, string> => callerHeaders(caller);

export interface ReservationHarness {
  api: Client;
  reservations: InMemoryReservations;
  nights: InMemoryNights;
  holds: InMemoryHolds;
  payments: FakePaymentGateway;
  publisher: RecordingPublisher;
  /** The outbox relay's pass, run by hand; how many owed records it looked at. */
  relay: () => Promise<number>;
  /** The timer's letting go of holds that ran out, run by hand; how many holds it looked at. */
  expireHolds: () => Promise<number>;
  /** Moves the clock on (it starts at 2030-01-01T09:00:00Z). */
  advance(ms: number): void;
  /** POST /reservations as the caller. */
  place(caller: Caller, body: unknown): Promise<Reply>;
  /** Places a reservation that must succeed, and returns it. */
  placed(caller: Caller, body: PlaceReservation): Promise<Reservation>;
  read(caller: Caller, reservationId: string): Promise<Reply>;
}

/** The hold policy of the harness unless a test gives another: 15 minutes, no cap. */
export const harnessHolds: HoldPolicy = { holdMs: 15 * 60_000, limit: 0 };

/** The reservation app in process over in-memory ports; reservation ids are RSV-1, RSV-2, ... */
export async function reservationApi(
  t: ExecutionContext,
  holdPolicy: HoldPolicy = harnessHolds,
  logger: Logger = silentLogger,
): Promise<ReservationHarness> {
  let now = Date.parse('2030-01-01T09:00:00.000Z');
  const reservations = new InMemoryReservations();
  const nights = new InMemoryNights();
  const payments = new FakePaymentGateway();
  const publisher = new RecordingPublisher();
  const holds = new InMemoryHolds();
  let ids = 0;
  const deps: ReservationDeps = {
    reservations,
    nights,
    catalogue: new InMemoryCatalogue([oceanView, garden]),
    idempotency: new InMemoryIdempotency(),
    payments,
    publish: publisher.publish,
    fingerprint: sha256Fingerprint,
    clock: { now: () => new Date(now).toISOString() },
    ids: { reservationId: () => `RSV-${++ids}` },
    outbox: makeOutbox({
      owed: new DueList<string>(new InMemoryDocuments(ConcurrencyConflict), z.string(), {
        name: 'outbox',
        windowMs: 2_000,
        slots: 128,
      }),
      loadMany: (ids) => reservations.getMany(ids),
      replace: (record, etag) => reservations.replace(record, etag),
      publish: publisher.publish,
      now: () => now,
    }),
    holds,
    expiries: new DueList<Hold>(new InMemoryDocuments(ConcurrencyConflict), z.custom<Hold>(), {
      name: 'holds',
      windowMs: 5000,
      slots: 128,
    }),
    holdPolicy,
  };
  // As main.ts does at start: the relay and the expiry sweep take their first turn before any request.
  await deps.outbox.relay();
  await makeExpireHolds(deps)();
  const app = createApp({ ...deps, logger, appToken: testAppToken });
  const api = await serve(t, app);
  const place = (caller: Caller, body: unknown) => api.post('/reservations', body, as(caller));
  return {
    api,
    reservations,
    nights,
    holds,
    payments,
    publisher,
    relay: () => deps.outbox.relay(),
    expireHolds: makeExpireHolds(deps),
    advance: (ms) => void (now += ms),
    place,
    async placed(caller, body) {
      const reply = await place(caller, body);
      if (reply.status !== 201) throw new Error(`placing answered ${reply.status}: ${JSON.stringify(reply.body)}`);
      return bodyAs(Reservation, reply);
    },
    read: (caller, reservationId) => api.get(`/reservations/${reservationId}`, as(caller)),
  };
}
