import { randomUUID } from 'node:crypto';
import { createLogger, makeOutbox, portFromEnv, repeat, requiredEnv, serve } from '@roomstay/platform';
import { createDaprClient, publishEvent } from '@roomstay/platform/dapr';
import type { RoomDeps } from './application/ports.ts';
import { daprOwedRooms, daprRoomRepository } from './adapters/dapr-repository.ts';
import { createApp } from './app.ts';

const logger = createLogger('room');
const dapr = createDaprClient();
const repository = daprRoomRepository(dapr);
const deps: RoomDeps = {
  repository,
  outbox: makeOutbox({
    owed: daprOwedRooms(dapr),
    loadMany: (ids) => Promise.all(ids.map((id) => repository.get(id))),
    replace: (record, etag) => repository.replace(record, etag),
    publish: (event) => publishEvent(dapr, 'room', event),
    now: Date.now,
  }),
  clock: { now: () => new Date().toISOString() },
  ids: { roomId: () => `ROOM-${randomUUID().slice(0, 8)}` },
};
// From start (what a previous run owed goes first), then continuously.
const relay = repeat(deps.outbox.relay, 1_000, (error) => logger.warn({ err: error }, 'outbox relay pass failed'));

serve(createApp({ ...deps, logger, appToken: requiredEnv('APP_API_TOKEN') }), {
  port: portFromEnv('APP_PORT', 7002),
  logger,
  onShutdown: () => relay.stop(),
});
