import type Koa from 'koa';
import { createHttpApp, subscriptionRouter, type Logger } from '@roomstay/platform';
import { makeGetRoom, makeListRooms, makeRegisterRoom, makeUpdateAvailability } from './application/rooms.ts';
import type { RoomDeps } from './application/ports.ts';
import { roomEventHandlers } from './adapters/events.ts';
import { roomRouter } from './adapters/http.ts';

export interface RoomAppDeps extends RoomDeps {
  /** APP_API_TOKEN: only the app's own sidecar, which presents it, may call. */
  appToken: string;
  logger: Logger;
  ready?: () => boolean;
}

export function createApp(deps: RoomAppDeps): Koa {
  return createHttpApp({
    logger: deps.logger,
    callers: { sidecarToken: deps.appToken },
    ...(deps.ready ? { ready: deps.ready } : {}),
    routers: [
      roomRouter({ registerRoom: makeRegisterRoom(deps), listRooms: makeListRooms(deps), getRoom: makeGetRoom(deps) }),
      subscriptionRouter(roomEventHandlers(makeUpdateAvailability(deps)), deps.logger),
    ],
  });
}
