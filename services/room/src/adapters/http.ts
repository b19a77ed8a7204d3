import { RegisterRoom, RoomQuery, StayQuery, type Room, type RoomList } from '@roomstay/contracts';
import { AppError, callerOf, parse, requestBody, Router } from '@roomstay/platform';

export interface RoomHttpDeps {
  registerRoom: (input: RegisterRoom) => Promise<Room>;
  listRooms: (query: RoomQuery) => Promise<RoomList>;
  getRoom: (roomId: string, stay: StayQuery) => Promise<Room>;
}

export function roomRouter(deps: RoomHttpDeps): Router {
  const router = new Router();
  router.get('/rooms', async (ctx) => {
    ctx.body = await deps.listRooms(parse(RoomQuery, ctx.query));
  });
  router.get('/rooms/:roomId', async (ctx) => {
    ctx.body = await deps.getRoom(ctx.params['roomId'] ?? '', parse(StayQuery, ctx.query));
  });
  router.post('/rooms', async (ctx) => {
    if (callerOf(ctx).role !== 'admin') throw new AppError('forbidden', 'only an administrator registers rooms');
    ctx.status = 201;
    ctx.body = await deps.registerRoom(parse(RegisterRoom, requestBody(ctx)));
  });
  return router;
}
