// reservation -> room, only under the proving fault "ask-room" (chaos 1's
// claim that room being down stops nothing must be able to fail):
// services/reservation/src/adapters/room-check.ts asks for the room before
// placing. It reads only whether room answered with a success.
import { anyBody, errorExample, interaction, type InvocationContract } from '../support/contract.ts';

export const reservationRoom: InvocationContract = {
  consumer: 'reservation',
  provider: 'room',
  interactions: [
    interaction({
      description: 'ask for a registered room before placing',
      state: 'rooms ROOM-1 and ROOM-2 are registered',
      request: { method: 'GET', path: '/rooms/ROOM-1' },
      response: { status: 200, body: anyBody, example: { roomId: 'ROOM-1', name: 'Ocean view', price: 50_000 } },
    }),
    interaction({
      description: 'ask for a room room management does not know',
      state: 'no rooms are registered',
      request: { method: 'GET', path: '/rooms/ROOM-1' },
      response: { status: 404, body: anyBody, example: errorExample('not_found', 'no room ROOM-1') },
    }),
  ],
};
