// What each consumer does with a producer-shaped event, per subscription, in
// the states that matter: the consumers' side of the event contracts.
import { reservationTopics, type Topic } from '@roomstay/contracts';
import type { Delivery } from '@roomstay/platform';
import type { Consumer } from '../edges/events.ts';

export interface Behaviour {
  /** The consumer's state, by name (support/apps.ts). */
  state: string;
  delivery: Delivery;
  because: string;
}

export type Subscription = `${Consumer}/${Topic}`;

export const behaviours: Partial<Record<Subscription, readonly Behaviour[]>> = {
  'room/ReservationPlaced': [
    { state: 'room ROOM-1 is registered', delivery: 'SUCCESS', because: 'it books the nights' },
    { state: 'no rooms are registered', delivery: 'DROP', because: 'the room is not one of its own' },
  ],
  'room/ReservationCancelled': [
    { state: 'room ROOM-1 is registered', delivery: 'SUCCESS', because: 'it frees the nights' },
    { state: 'no rooms are registered', delivery: 'DROP', because: 'the room is not one of its own' },
  ],
  'reservation/RoomRegistered': [
    {
      state: 'room R-OCEAN of 50,000 a night is in the catalogue',
      delivery: 'SUCCESS',
      because: 'it keeps the room in its catalogue',
    },
  ],
  'reservation/PromotionSaved': [
    { state: 'alice has reservation RSV-1', delivery: 'SUCCESS', because: 'it completes the reservation' },
    {
      state: 'room R-OCEAN of 50,000 a night is in the catalogue',
      delivery: 'DROP',
      because: 'the reservation is not one of its own',
    },
  ],
  'promotion/PaymentApproved': [
    { state: 'no promotion for PAY-1', delivery: 'SUCCESS', because: 'it grants the promotion' },
    { state: 'PAY-1 of 120,000 was granted', delivery: 'SUCCESS', because: 'the grant is there already' },
  ],
  'promotion/PaymentRefunded': [
    { state: 'PAY-1 of 120,000 was granted', delivery: 'SUCCESS', because: 'it revokes the promotion' },
    { state: 'no promotion for PAY-1', delivery: 'SUCCESS', because: 'it refuses a later grant' },
  ],
  ...everyReservationTopic('roominfo', "nothing is on anyone's page", 'it folds the event into the line'),
  ...everyReservationTopic('notice', 'nobody was told anything', 'it tells the customer'),
};

/** The customer's views take every event about a reservation alike. */
function everyReservationTopic(consumer: Consumer, state: string, because: string) {
  const entries = reservationTopics.map((topic): [Subscription, readonly Behaviour[]] => [
    `${consumer}/${topic}`,
    [{ state, delivery: 'SUCCESS', because }],
  ]);
  return Object.fromEntries(entries) as Partial<Record<Subscription, readonly Behaviour[]>>;
}
