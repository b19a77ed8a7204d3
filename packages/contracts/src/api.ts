// Request and response bodies at HTTP boundaries: the public API behind the
// gateway and the synchronous calls between services. Requests are strict:
// unknown fields (a client-sent price or status among them) are refused.
import { z } from 'zod';
import { serviceKinds, storableChar } from './events.ts';

const id = z.string().min(1).max(100);
const money = z.number().int().nonnegative();

/**
 * An identifier as it appears in a public path (/reservations/{id}): ASCII
 * letters, digits, "-" and "_". Anything else is refused at the ingress.
 */
export const PathId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

/**
 * Text a person writes, in one pattern the document states and validation
 * applies alike: storable characters only (no control characters but tab and
 * line breaks), at least one of them not a space.
 */
const writtenText = `^${storableChar}*[^\\s\\u0000-\\u001f\\u007f]${storableChar}*$`;
const written = new RegExp(writtenText);

/**
 * Text a person writes: at most `max` characters (counted as JSON Schema
 * counts them, by code point), not blank, no control characters, kept without
 * surrounding spaces.
 */
export const Text = (max: number) =>
  z
    .string()
    .refine((s) => [...s].length <= max && written.test(s), {
      message: `at most ${max} characters, not blank, and no control characters`,
    })
    .meta({ maxLength: max, pattern: writtenText })
    .transform((s) => s.trim());

/** A calendar date, `YYYY-MM-DD`. */
export const IsoDate = z.iso.date();

/**
 * The date a stay begins: a calendar date of this century, in one pattern
 * (leap days included) that the document states and validation applies alike.
 */
export const StayDate = z
  .string()
  .regex(
    /^20(?:(?:[02468][048]|[13579][26])-02-29|\d\d-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8])))$/,
  );

// --- pages -----------------------------------------------------------------------

const cursorForm = /^[A-Za-z0-9_-]{1,400}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const storablePosition = new RegExp(`^${storableChar}*$`);

/**
 * The position a cursor names: the text whose UTF-8 it is in base64url, or
 * undefined when it names no position any store can compare: not base64url as
 * encoding makes it, not UTF-8, or holding a character no store keeps (a NUL
 * is refused by PostgreSQL, which would answer the list with its own failure).
 */
export function positionOf(cursor: string): string | undefined {
  if (!cursorForm.test(cursor)) return undefined;
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.toString('base64url') !== cursor) return undefined;
  let position: string;
  try {
    position = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  return storablePosition.test(position) ? position : undefined;
}

/**
 * An opaque position in a list, as the previous page's `next` gave it. One
 * that names a position no list gave is just somewhere in the order; one that
 * names no position at all is refused.
 */
export const Cursor = z
  .string()
  .regex(cursorForm)
  .refine((cursor) => positionOf(cursor) !== undefined, 'names no position in any list; use a next a page gave');
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** `limit` as a query parameter: a whole number of items, 1 to 100. */
export const PageLimit = z.string().regex(/^(100|[1-9][0-9]?)$/);

/** The query of every list: where to go on from, how many at most. */
export const PageQuery = z.strictObject({
  cursor: Cursor.optional(),
  limit: PageLimit.optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

// --- rooms -------------------------------------------------------------------

export const RegisterRoom = z.strictObject({
  name: Text(200),
  price: z.number().int().positive().max(100_000_000),
});
export type RegisterRoom = z.infer<typeof RegisterRoom>;

export const Room = z.object({
  roomId: id,
  name: z.string(),
  price: money,
  /** Whether the room is free for the whole stay asked about; only when a stay was given. */
  available: z.boolean().optional(),
});
export type Room = z.infer<typeof Room>;

/**
 * GET /rooms: a page of rooms; with `checkIn` and `nights`, whether each is
 * free for that stay. Nobody's reservation is shown.
 */
/** A stay asked about in a query: from checkIn, `nights` nights (1 unless said); nights alone ask nothing. */
export const StayQuery = z.strictObject({
  checkIn: StayDate.optional(),
  nights: z
    .string()
    .regex(/^([1-9]|[1-9][0-9]|[12][0-9][0-9]|3[0-5][0-9]|36[0-5])$/)
    .optional(),
});
export type StayQuery = z.infer<typeof StayQuery>;

export const RoomQuery = PageQuery.extend(StayQuery.shape);
export type RoomQuery = z.infer<typeof RoomQuery>;

export const RoomList = z.object({ rooms: z.array(Room), next: Cursor.optional() });
export type RoomList = z.infer<typeof RoomList>;

// --- reservations ---------------------------------------------------------------

export const reservationStatuses = ['reserved', 'paid', 'completed', 'cancelled', 'expired'] as const;
export type ReservationStatus = (typeof reservationStatuses)[number];

/** The longest stay one reservation holds. */
export const MAX_NIGHTS = 365;

/** A stay is a check-in date and a number of nights; the check-out date follows from them. */
export const PlaceReservation = z.strictObject({
  roomId: PathId,
  checkIn: StayDate,
  nights: z.number().int().min(1).max(MAX_NIGHTS),
});
export type PlaceReservation = z.infer<typeof PlaceReservation>;

export const Reservation = z.object({
  reservationId: id,
  customerId: id,
  roomId: id,
  checkIn: IsoDate,
  checkOut: IsoDate,
  nights: z.number().int().positive(),
  price: money,
  status: z.enum(reservationStatuses),
  /** While unpaid ("reserved"): when the hold runs out and the reservation expires unless paid. */
  expiresAt: z.iso.datetime().optional(),
});
export type Reservation = z.infer<typeof Reservation>;

/** The Idempotency-Key header of a payment: the same key replays the first answer. */
export const IdempotencyKey = z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/);

/** Body of POST /reservations/:id/cancel; the body may be empty. */
export const CancelReservation = z.strictObject({
  reason: Text(500).optional(),
});

// --- payments (reservation -> payment) ---------------------------------------------

export const paymentStatuses = ['Y', 'REFUNDED'] as const;

export const ApprovePayment = z.strictObject({
  reservationId: id,
  customerId: id,
  customerName: z.string().max(200),
  paymentPrice: z.number().int().positive(),
});
export type ApprovePayment = z.infer<typeof ApprovePayment>;

export const Payment = z.object({
  paymentId: id,
  reservationId: id,
  customerId: id,
  paymentPrice: money,
  paymentStatus: z.enum(paymentStatuses),
});
export type Payment = z.infer<typeof Payment>;

/**
 * What a payment earned, as far as the payer can tell at once: `granted` (the
 * glossary's word, as on my page and in promotion's own answer), or `pending`.
 */
export const PromotionOutcome = z.object({
  status: z.enum(['granted', 'pending', 'none']),
  couponId: id.optional(),
  service: z.enum(serviceKinds).nullable().optional(),
  point: money.optional(),
});
export type PromotionOutcome = z.infer<typeof PromotionOutcome>;

export const PaymentResult = z.object({
  payment: Payment,
  promotion: PromotionOutcome,
});
export type PaymentResult = z.infer<typeof PaymentResult>;

// --- promotions (payment -> promotion), with the original's field names -------------

export const SavePromotion = z.strictObject({
  paymentId: id,
  reservationId: id,
  customerId: id,
  customerName: z.string().max(200),
  paymentPrice: money,
  paymentStatus: z.string().max(20),
});
export type SavePromotion = z.infer<typeof SavePromotion>;

export const Promotion = z.object({
  couponId: id,
  paymentId: id,
  reservationId: id,
  customerId: id,
  customerName: z.string(),
  paymentPrice: money,
  paymentStatus: z.literal('Y'),
  service: z.enum(serviceKinds).nullable(),
  point: money,
  status: z.enum(['granted', 'revoked']),
});
export type Promotion = z.infer<typeof Promotion>;

// --- my page (roominfo) -------------------------------------------------------------

export const MyPageReservation = z.object({
  reservationId: id,
  /** Fields are filled as the events of the reservation arrive, in any order. */
  roomId: id.optional(),
  checkIn: IsoDate.optional(),
  checkOut: IsoDate.optional(),
  price: money.optional(),
  reservationStatus: z.enum(['reserved', 'cancelled']).optional(),
  paymentId: id.optional(),
  paymentStatus: z.enum(['Y', 'REFUNDED']).optional(),
  paymentPrice: money.optional(),
  promotionStatus: z.enum(['none', 'pending', 'granted', 'revoked']),
  couponId: id.optional(),
  service: z.enum(serviceKinds).nullable().optional(),
  point: money.optional(),
});
export type MyPageReservation = z.infer<typeof MyPageReservation>;

/** A page of my page: reservations by check-in date, the points of all of them, the coupons of those shown. */
export const MyPage = z.object({
  customerId: id,
  reservations: z.array(MyPageReservation),
  points: money,
  coupons: z.array(z.object({ couponId: id, reservationId: id, service: z.enum(serviceKinds) })),
  next: Cursor.optional(),
});
export type MyPage = z.infer<typeof MyPage>;

// --- notices -----------------------------------------------------------------------

export const noticeKinds = [
  'reservation-placed',
  'payment-approved',
  'promotion-granted',
  'reservation-cancelled',
  'payment-refunded',
  'promotion-revoked',
] as const;

export const Notice = z.object({
  noticeId: id,
  customerId: id,
  kind: z.enum(noticeKinds),
  reservationId: id,
  message: z.string(),
  at: z.string(),
});
export type Notice = z.infer<typeof Notice>;

/** A page of notices, newest first. */
export const NoticeList = z.object({ notices: z.array(Notice), next: Cursor.optional() });
export type NoticeList = z.infer<typeof NoticeList>;
