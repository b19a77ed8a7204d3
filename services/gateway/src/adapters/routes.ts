// The public API: one table of routes. Each names who may call it, the schema
// its body must satisfy (validated here, before anything is forwarded), the
// schema of its answer, and the app that owns it. The OpenAPI document is
// generated from the same table.
import { z } from 'zod';
import {
  CancelReservation,
  IdempotencyKey,
  MyPage,
  NoticeList,
  PageQuery,
  PathId,
  PaymentResult,
  PlaceReservation,
  RegisterRoom,
  Reservation,
  Room,
  RoomList,
  RoomQuery,
  StayQuery,
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
  /** The path's parameters, each validated here (PathId). */
  params?: Record<string, z.ZodType>;
  /** The query string, validated here and passed on as validated. */
  query?: z.ZodType<Record<string, string | undefined>>;
  /** Named links to other operations, for clients (and the fuzzer) that follow them. */
  links?: Record<string, { operation: string; parameters: Record<string, string> }>;
  /** Headers passed on to the owning app, each validated here. */
  headers?: Record<string, z.ZodType<string>>;
  response: z.ZodType;
  status: number;
  target: (params: Record<string, string>, caller: Caller | undefined) => { appId: string; path: string };
  /** OpenAPI operationId. */
  operationId: string;
}

const id = (params: Record<string, string>) => encodeURIComponent(params['id'] ?? '');
const reservationId = { id: PathId };
const fromPlaced = { id: '$response.body#/reservationId' };

export const PayReservationResult = PaymentResult.extend({ reservation: Reservation });

export const routes: readonly PublicRoute[] = [
  {
    method: 'GET',
    path: '/rooms',
    operationId: 'listRooms',
    summary: 'List rooms, a page at a time; with checkIn and nights, whether each is free for that stay',
    access: 'public',
    query: RoomQuery,
    response: RoomList,
    status: 200,
    target: () => ({ appId: 'room', path: '/rooms' }),
  },
  {
    method: 'GET',
    path: '/rooms/:id',
    operationId: 'getRoom',
    summary: 'One room; with checkIn and nights, whether it is free for that stay',
    access: 'public',
    params: { id: PathId },
    query: StayQuery,
    response: Room,
    status: 200,
    target: (params) => ({ appId: 'room', path: `/rooms/${id(params)}` }),
  },
  {
    method: 'POST',
    path: '/rooms',
    operationId: 'registerRoom',
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
    operationId: 'placeReservation',
    summary: 'Reserve a room for a stay (check-in date and nights); the price is the room price times the nights',
    access: 'customer',
    body: PlaceReservation,
    response: Reservation,
    status: 201,
    links: {
      GetReservation: { operation: 'getReservation', parameters: fromPlaced },
      PayReservation: { operation: 'payReservation', parameters: fromPlaced },
      CancelReservation: { operation: 'cancelReservation', parameters: fromPlaced },
    },
    target: () => ({ appId: 'reservation', path: '/reservations' }),
  },
  {
    method: 'GET',
    path: '/reservations/:id',
    operationId: 'getReservation',
    summary: "Read one of the caller's reservations",
    access: 'customer',
    params: reservationId,
    response: Reservation,
    status: 200,
    target: (params) => ({ appId: 'reservation', path: `/reservations/${id(params)}` }),
  },
  {
    method: 'POST',
    path: '/reservations/:id/payment',
    operationId: 'payReservation',
    summary: 'Pay a reservation; honours Idempotency-Key; promotion is "granted" or "pending"',
    access: 'customer',
    params: reservationId,
    headers: { 'idempotency-key': IdempotencyKey },
    body: z.strictObject({}),
    response: PayReservationResult,
    status: 200,
    target: (params) => ({ appId: 'reservation', path: `/reservations/${id(params)}/payment` }),
  },
  {
    method: 'POST',
    path: '/reservations/:id/cancel',
    operationId: 'cancelReservation',
    summary: 'Cancel a reservation: refund, promotion revoked, room freed; idempotent',
    access: 'customer',
    params: reservationId,
    body: CancelReservation,
    response: Reservation,
    status: 200,
    target: (params) => ({ appId: 'reservation', path: `/reservations/${id(params)}/cancel` }),
  },
  {
    method: 'GET',
    path: '/mypage',
    operationId: 'getMyPage',
    summary: "The caller's reservations with payment and promotion status, a page at a time; points and coupons",
    access: 'customer',
    query: PageQuery,
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
    operationId: 'listNotices',
    summary: "The caller's notices, newest first, a page at a time",
    access: 'customer',
    query: PageQuery,
    response: NoticeList,
    status: 200,
    target: (_params, caller) => ({
      appId: 'notice',
      path: `/notices/${encodeURIComponent(caller?.customerId ?? '')}`,
    }),
  },
];

/**
 * The authorization server's endpoints the outside may reach, by exact path
 * and method: token, signing keys, discovery (APIs), and the pages a browser
 * signs in and out on (authPageRoutes). Anything else under /auth is not
 * found here, whatever the authorization server itself would serve.
 */
export const authRoutes: readonly { method: 'GET' | 'POST'; path: string }[] = [
  { method: 'POST', path: '/auth/token' },
  { method: 'GET', path: '/auth/jwks' },
  { method: 'GET', path: '/auth/.well-known/openid-configuration' },
];

/** An interaction's or a resumed authorization's id, as oidc-provider makes them. */
const uid = '[A-Za-z0-9_-]{1,100}';

/**
 * The sign-in and sign-out pages, by method and whole-path pattern: the
 * authorization endpoint and its resumption after an interaction, the
 * interaction pages (auth's own: login, consent, cancel), and RP-initiated
 * sign-out (end_session, its confirmation, its success page).
 */
export const authPageRoutes: readonly { method: 'GET' | 'POST'; path: RegExp; signIn?: true }[] = [
  { method: 'GET', path: /^\/auth\/auth$/ },
  { method: 'GET', path: new RegExp(`^/auth/auth/${uid}$`) },
  { method: 'GET', path: new RegExp(`^/auth/interaction/${uid}$`) },
  // A password is checked here: budgeted as a sign-in, like the password grant.
  { method: 'POST', path: new RegExp(`^/auth/interaction/${uid}/login$`), signIn: true },
  { method: 'POST', path: new RegExp(`^/auth/interaction/${uid}/(?:confirm|abort)$`) },
  { method: 'GET', path: /^\/auth\/session\/end$/ },
  { method: 'POST', path: /^\/auth\/session\/end\/confirm$/ },
  { method: 'GET', path: /^\/auth\/session\/end\/success$/ },
];
