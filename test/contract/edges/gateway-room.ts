// gateway -> room: the public room routes of routes.ts.
import { errorExample, refusalOf } from '../support/contract.ts';
import { gatewayInteraction, identityOf, succeeded, type GatewayContract } from '../support/gateway.ts';

const ocean = { roomId: 'ROOM-1', name: 'Ocean view', price: 50_000 };
const garden = { roomId: 'ROOM-2', name: 'Garden', price: 30_000 };

export const gatewayRoom: GatewayContract = {
  consumer: 'gateway',
  provider: 'room',
  interactions: [
    gatewayInteraction({
      route: 'listRooms',
      description: 'list the rooms a page at a time',
      state: 'rooms ROOM-1 and ROOM-2 are registered',
      client: { method: 'GET', path: '/rooms?limit=1' },
      request: { method: 'GET', path: '/rooms?limit=1' },
      response: succeeded('listRooms', { rooms: [ocean], next: 'MDAwMDAwMDAw' }),
    }),
    gatewayInteraction({
      route: 'listRooms',
      description: 'list the rooms with whether each is free for a stay',
      state: 'ROOM-1 is booked from 2030-03-01 to 2030-03-03',
      client: { method: 'GET', path: '/rooms?nights=2&checkIn=2030-03-01' },
      request: { method: 'GET', path: '/rooms?checkIn=2030-03-01&nights=2' },
      response: succeeded('listRooms', {
        rooms: [
          { ...ocean, available: false },
          { ...garden, available: true },
        ],
      }),
    }),
    gatewayInteraction({
      route: 'getRoom',
      description: 'read one room',
      state: 'rooms ROOM-1 and ROOM-2 are registered',
      client: { method: 'GET', path: '/rooms/ROOM-1' },
      request: { method: 'GET', path: '/rooms/ROOM-1' },
      response: succeeded('getRoom', ocean),
    }),
    gatewayInteraction({
      route: 'getRoom',
      description: 'read one room with whether it is free for a stay',
      state: 'ROOM-1 is booked from 2030-03-01 to 2030-03-03',
      client: { method: 'GET', path: '/rooms/ROOM-1?checkIn=2030-03-02&nights=1' },
      request: { method: 'GET', path: '/rooms/ROOM-1?checkIn=2030-03-02&nights=1' },
      response: succeeded('getRoom', { ...ocean, available: false }),
    }),
    gatewayInteraction({
      route: 'getRoom',
      description: 'read a room that does not exist',
      state: 'no rooms are registered',
      client: { method: 'GET', path: '/rooms/ROOM-9' },
      request: { method: 'GET', path: '/rooms/ROOM-9' },
      response: { status: 404, body: refusalOf('not_found'), example: errorExample('not_found', 'no room ROOM-9') },
    }),
    gatewayInteraction({
      route: 'registerRoom',
      description: 'register a room as an administrator',
      state: 'no rooms are registered',
      client: { method: 'POST', path: '/rooms', as: 'admin', body: { name: 'Ocean view', price: 50_000 } },
      request: {
        method: 'POST',
        path: '/rooms',
        headers: identityOf('admin'),
        body: { name: 'Ocean view', price: 50_000 },
      },
      response: succeeded('registerRoom', ocean),
    }),
  ],
};
