// Request and response bodies at HTTP boundaries: the public API behind the
// gateway and the synchronous calls between services. Requests are strict:
// unknown fields (a client-sent price or status among them) are refused.
import { z } from 'zod';
import { serviceKinds } from './events.ts';

const id = z.string().min(1).max(100);
const money = z.number().int().nonnegative();

/** A calendar date, `YYYY-MM-DD`. */
export const IsoDate = z.iso.date();

// --- rooms -------------------------------------------------------------------

export const RegisterRoom = z.strictObject({
  name: z.string().trim().min(1).max(200),
  price: z.number().int().positive().max(100_000_000),
});
export type RegisterRoom = z.infer<typeof RegisterRoom>;

export const Room = z.object({
  roomId: id,
  name: z.string(),
  price: money,
  /** Reserved date ranges, from reservation events; checkOut is exclusive. */
  booked: z.array(z.object({ reservationId: id, checkIn: IsoDate, checkOut: IsoDate })),
});
export type Room = z.infer<typeof Room>;

export const RoomList = z.object({ rooms: z.array(Room) });
export type RoomList = z.infer<typeof RoomList>;

// --- reservations ---------------------------------------------------------------

export const reservationStatuses = ['reserved', 'paid', 'completed', 'cancelled'] as const;
export type ReservationStatus = (typeof reservationStatuses)[number];

export const PlaceReservation = z.strictObject({
  roomId: id,
  checkIn: IsoDate,
  checkOut: IsoDate,
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
});
export type Reservation = z.infer<typeof Reservation>;

/** Body of POST /reservations/:id/cancel; the body may be empty. */
export const CancelReservation = z.strictObject({
  reason: z.string().trim().max(500).optional(),
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

/** What a payment earned, as far as the payer can tell at once. */
export const PromotionOutcome = z.object({
  status: z.enum(['saved', 'pending', 'none']),
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

export const MyPage = z.object({
  customerId: id,
  reservations: z.array(MyPageReservation),
  points: money,
  coupons: z.array(z.object({ couponId: id, reservationId: id, service: z.enum(serviceKinds) })),
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

export const NoticeList = z.object({ notices: z.array(Notice) });
export type NoticeList = z.infer<typeof NoticeList>;
