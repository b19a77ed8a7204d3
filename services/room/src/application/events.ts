import type { OutgoingEvent } from '@roomstay/contracts';
import type { Room } from '../domain/room.ts';

export function roomRegistered(room: Room): OutgoingEvent<'RoomRegistered'> {
  return {
    id: `${room.roomId}.RoomRegistered`,
    topic: 'RoomRegistered',
    time: room.registeredAt,
    payload: { roomId: room.roomId, name: room.name, price: room.price },
  };
}
