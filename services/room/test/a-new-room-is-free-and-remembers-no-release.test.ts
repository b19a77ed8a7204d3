import test from 'ava';
import { register } from '../src/domain/room.ts';

test('a newly registered room holds no booking and remembers no cancellation', (t) => {
  t.deepEqual(register({ name: 'Ocean', price: 1 }, 'ROOM-1', '2030-01-01T00:00:00.000Z'), {
    roomId: 'ROOM-1',
    name: 'Ocean',
    price: 1,
    booked: [],
    released: [],
    registeredAt: '2030-01-01T00:00:00.000Z',
  });
});
