// Text at every edge (the API's requests, the calls between services, the
// events), each limit defined once and counted one way on every side, so that
// a request the API accepts never makes an event its own schema refuses.
import { z } from 'zod';

/** Identifiers: reservation, customer, room, payment, coupon, event ids. */
export const MAX_ID_LENGTH = 100;
/** Room names (RegisterRoom, RoomRegistered). */
export const MAX_ROOM_NAME_LENGTH = 200;
/** Cancel reasons (CancelReservation, ReservationCancelled). */
export const MAX_CANCEL_REASON_LENGTH = 500;
/** Customer names (ApprovePayment, SavePromotion, PaymentApproved, PromotionSaved). */
export const MAX_CUSTOMER_NAME_LENGTH = 200;

/**
 * The characters text may hold: none of the control characters but tab and
 * line breaks. A store cannot keep them all (PostgreSQL's jsonb refuses
 * U+0000, and an event that cannot be stored would be redelivered, holding up
 * its partition for every customer behind it), and no page can show them.
 */
export const storableChar = '[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]';
const storable = new RegExp(`^${storableChar}*$`);

/**
 * Text of at most `max` characters, counted by Unicode code point (an emoji is
 * one): as JSON Schema's maxLength in the API's document counts, as
 * PostgreSQL counts, and as zod's max counts from 4.6.7, this package's floor.
 * Every text limit on every side is this one check.
 */
export const Characters = (max: number) => z.string().max(max, `at most ${max} characters`);

/** Text a program wrote (an event's, a call's): at most `max` characters, each storable. */
export const StorableText = (max: number) => Characters(max).regex(storable, 'control characters are not allowed');

/** An identifier, 1 to MAX_ID_LENGTH characters. */
export const Id = Characters(MAX_ID_LENGTH).min(1);

/**
 * Text a person writes, in one pattern the document states and validation
 * applies alike: storable characters only (no control characters but tab and
 * line breaks), at least one of them not a space.
 */
const written = new RegExp(`^${storableChar}*[^\\s\\u0000-\\u001f\\u007f]${storableChar}*$`);

/** Text a person writes: at most `max` characters, not blank, no control characters, kept without surrounding spaces. */
export const Text = (max: number) =>
  Characters(max)
    .regex(written, 'not blank, and no control characters')
    .transform((s) => s.trim());
