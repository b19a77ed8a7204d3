// The public API: one table of routes. Each names who may call it, the schema
// its body must satisfy (validated here, before anything is forwarded), the
// schema of its answer, and the app that owns it. The OpenAPI document is
// generated from the same table.
import { z } from 'zod';
import {
  CancelReservation,
  MyPage,
  NoticeList,
  PaymentResult,
  PlaceReservation,
  RegisterRoom,
  Reservation,
  Room,
  RoomList,
} from '@roomstay/contracts';
import type { Caller } from '@roomstay/platform';

export type Access = 'public' | 'customer' | 'admin';

export interface PublicRoute {
  method: 'GET' | 'POST';
  /** Koa path, e.g. /reservations/:id */
  path: string;
  summary: string;
  access: Access;
  body?: z.ZodType;
  /** Headers passed on to the owning app. */
  headers?: readonly string[];
  response: z.ZodType;
  status: number;
  target: (params: Record<string, string>, caller: Caller | undefined) => { appId: string; path: string };
}

const id = (params: Record<string, string>) => encodeURIComponent(params['id'] ?? '');

export const PayReservationResult = PaymentResult.extend({ reservation: Reservation });

export const routes: readonly PublicRoute[] = [
  {
    method: 'GET',
    path: '/rooms',
    summary: 'List rooms with their booked dates',
    access: 'public',
    response: RoomList,
    status: 200,
    target: () => ({ appId: 'room', path: '/rooms' }),
  },
  {
    method: 'POST',
    path: '/rooms',
    summary: 'Register a room (administrators)',
    access: 'admin',
    body: RegisterRoom,
    response: Room,
    status: 201,
    target: () => ({ appId: 'room', path: '/rooms' }),
  },
  {
    method: 'POST',
    path: '/reservations',
    summary: 'Reserve a room for dates; the price is the room price times the nights',
    access: 'customer',
    body: PlaceReservation,
    response: Reservation,
    status: 201,
    target: () => ({ appId: 'reservation', path: '/reservations' }),
  },
  {
    method: 'GET',
    path: '/reservations/:id',
    summary: "Read one of the caller's reservations",
    access: 'customer',
    response: Reservation,
    status: 200,
    target: (params) => ({ appId: 'reservation', path: `/reservations/${id(params)}` }),
  },
  {
    method: 'POST',
    path: '/reservations/:id/payment',
    summary: 'Pay a reservation; honours Idempotency-Key; promotion is "saved" or "pending"',
    access: 'customer',
    headers: ['idempotency-key'],
    body: z.strictObject({}),
    response: PayReservationResult,
    status: 200,
    target: (params) => ({ appId: 'reservation', path: `/reservations/${id(params)}/payment` }),
  },
  {
    method: 'POST',
    path: '/reservations/:id/cancel',
    summary: 'Cancel a reservation: refund, promotion revoked, room freed; idempotent',
    access: 'customer',
    body: CancelReservation,
    response: Reservation,
    status: 200,
    target: (params) => ({ appId: 'reservation', path: `/reservations/${id(params)}/cancel` }),
  },
  {
    method: 'GET',
    path: '/mypage',
    summary: "The caller's reservations with payment and promotion status, points and coupons",
    access: 'customer',
    response: MyPage,
    status: 200,
    target: (_params, caller) => ({
      appId: 'roominfo',
      path: `/mypage/${encodeURIComponent(caller?.customerId ?? '')}`,
    }),
  },
  {
    method: 'GET',
    path: '/notices',
    summary: "The caller's notices, newest first",
    access: 'customer',
    response: NoticeList,
    status: 200,
    target: (_params, caller) => ({
      appId: 'notice',
      path: `/notices/${encodeURIComponent(caller?.customerId ?? '')}`,
    }),
  },
];
