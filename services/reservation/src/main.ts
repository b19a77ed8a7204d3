import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createLogger, faultOn, makeOutbox, portFromEnv, repeat, requiredEnv, serve } from '@roomstay/platform';
import { createDaprClient, publishEvent } from '@roomstay/platform/dapr';
import { daprPaymentGateway } from './adapters/payment-gateway.ts';
import { daprRepositories } from './adapters/dapr-repositories.ts';
import { askingRoomFirst } from './adapters/room-check.ts';
import { sha256Fingerprint } from './adapters/fingerprint.ts';
import { makeExpireHolds } from './application/expire-holds.ts';
import type { ReservationDeps } from './application/ports.ts';
import { createApp } from './app.ts';

const logger = createLogger('reservation');

/**
 * An unpaid reservation holds its nights RESERVATION_HOLD_SECONDS (15 minutes
 * unless said), and a customer holds at most RESERVATION_HOLD_LIMIT unpaid at
 * once (5 unless said; 0: no cap). A bad value stops the start.
 */
function holdPolicyFrom(env: NodeJS.ProcessEnv): ReservationDeps['holdPolicy'] {
  const settings = z
    .object({
      RESERVATION_HOLD_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
      RESERVATION_HOLD_LIMIT: z.coerce.number().int().min(0).max(1_000).default(5),
    })
    .parse(env);
  return { holdMs: settings.RESERVATION_HOLD_SECONDS * 1000, limit: settings.RESERVATION_HOLD_LIMIT };
}

const dapr = createDaprClient();
const { owed, ...repositories } = daprRepositories(dapr, {
  now: Date.now,
  onMoveFailed: (reservationId, error) =>
    logger.warn({ err: error, reservationId }, 'a settled reservation stays in Redis until its next change'),
});
// Proving fault (test profile only): placing depends on room management answering.
if (faultOn('ask-room')) repositories.catalogue = askingRoomFirst(repositories.catalogue);
const publish: ReservationDeps['publish'] = (event) => publishEvent(dapr, 'reservation', event);
const deps: ReservationDeps = {
  ...repositories,
  payments: daprPaymentGateway(dapr, logger),
  publish,
  fingerprint: sha256Fingerprint,
  clock: { now: () => new Date().toISOString() },
  ids: { reservationId: () => `RSV-${randomUUID()}` },
  outbox: makeOutbox({
    owed,
    loadMany: (ids) => repositories.reservations.getMany(ids),
    replace: (record, etag) => repositories.reservations.replace(record, etag),
    publish,
    now: Date.now,
  }),
  holdPolicy: holdPolicyFrom(process.env),
};
// From start (what a previous run owed goes first), then continuously.
const relay = repeat(deps.outbox.relay, 1_000, (error) => logger.warn({ err: error }, 'outbox relay pass failed'));
const expiry = repeat(makeExpireHolds(deps), 2_000, (error) =>
  logger.warn({ err: error }, 'letting expired holds go failed'),
);
const app = createApp({ ...deps, logger, appToken: requiredEnv('APP_API_TOKEN') });
serve(app, {
  port: portFromEnv('APP_PORT', 7003),
  logger,
  onShutdown: async () => {
    await Promise.all([relay.stop(), expiry.stop()]);
  },
});
