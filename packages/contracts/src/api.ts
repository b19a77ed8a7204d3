// Request and response bodies at HTTP boundaries: the public API behind the
// gateway and the synchronous calls between services. Requests are strict:
// unknown fields (a client-sent price or status among them) are refused.
import { z } from 'zod';
import { serviceKinds } from './events.ts';
import { Cursor, PageQuery } from './pages.ts';
import {
  Id as id,
  MAX_CANCEL_REASON_LENGTH,
  MAX_CUSTOMER_NAME_LENGTH,
  MAX_ROOM_NAME_LENGTH,
  StorableText,
  Text,
} from './text.ts';

const money = z.number().int().nonnegative();

/**
 * An identifier as it appears in a public path (/reservations/{id}): ASCII
 * letters, digits, "-" and "_". Anything else is refused at the ingress.
 */
export const PathId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

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

// --- rooms -------------------------------------------------------------------

export const RegisterRoom = z.strictObject({
  name: Text(MAX_ROOM_NAME_LENGTH),
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
  reason: Text(MAX_CANCEL_REASON_LENGTH).optional(),
});

// --- payments (reservation -> payment) ---------------------------------------------

export const paymentStatuses = ['Y', 'REFUNDED'] as const;

export const ApprovePayment = z.strictObject({
  reservationId: id,
  customerId: id,
  customerName: StorableText(MAX_CUSTOMER_NAME_LENGTH),
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
 * glossary's word, as on my page and in promotion's own answer), `revoked`
 * (a refund took it back before the payer was answered), or `pending`.
 */
export const PromotionOutcome = z.object({
  status: z.enum(['granted', 'revoked', 'pending', 'none']),
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
  customerName: StorableText(MAX_CUSTOMER_NAME_LENGTH),
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
