import type { Reservation } from '@roomstay/contracts';
import { call } from '../../support/api.ts';
import type { StayCounter } from './load.ts';

/** Places `count` reservations of one room, a few at a time, before the load starts. */
export async function placeReservations(
  token: string,
  roomId: string,
  dates: StayCounter,
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, count - i) }, () =>
        call<Reservation>('POST', '/reservations', { token, body: { roomId, ...dates.next() } }),
      ),
    );
    for (const answer of batch) {
      if (answer.status !== 201)
        throw new Error(`reservation not placed: ${answer.status} ${JSON.stringify(answer.body)}`);
      ids.push(answer.body.reservationId);
    }
  }
  return ids;
}
