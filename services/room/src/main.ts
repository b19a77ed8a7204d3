import { randomUUID } from 'node:crypto';
import { createDaprClient, createLogger, portFromEnv, publishEvent, serve, requiredEnv } from '@roomstay/platform';
import { makeSweepOutbox } from './application/rooms.ts';
import type { RoomDeps } from './application/ports.ts';
import { daprRoomRepository } from './adapters/dapr-repository.ts';
import { createApp } from './app.ts';

const logger = createLogger('room');
const dapr = createDaprClient();
const deps: RoomDeps = {
  repository: daprRoomRepository(dapr),
  publish: (event) => publishEvent(dapr, 'room', event),
  clock: { now: () => new Date().toISOString() },
  ids: { roomId: () => `ROOM-${randomUUID().slice(0, 8)}` },
};
// Rooms whose RoomRegistered could not be published (here or before a crash)
// are published at start and then on a slow timer; registrations are rare.
const sweepOutbox = makeSweepOutbox(deps);
const runSweep = () => sweepOutbox().catch((error: unknown) => logger.warn({ err: error }, 'outbox sweep failed'));
void runSweep();
const sweep = setInterval(() => void runSweep(), 30_000);

serve(createApp({ ...deps, logger, appToken: requiredEnv('APP_API_TOKEN') }), {
  port: portFromEnv('APP_PORT', 7002),
  logger,
  onShutdown: async () => clearInterval(sweep),
});
