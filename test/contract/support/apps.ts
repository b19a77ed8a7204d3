// Every app as a provider (and as an event consumer): its real createApp over
// in-memory ports (the services' own test fakes), and the states a contract
// may name, each set up through the app's own application code, so a state is
// one the app can really be in.
import { generateKeyPairSync } from 'node:crypto';
import type Koa from 'koa';
import { z } from 'zod';
import { firstPartyClientId } from '@roomstay/contracts';
import {
  ConcurrencyConflict,
  DueList,
  silentLogger,
  type Caller,
  type EventHandlers,
  type Outbox,
  type WithOutbox,
} from '@roomstay/platform';
import { InMemoryDocuments } from '../../../packages/platform/test/support/documents.ts';
import { testAppToken } from '../../../packages/platform/test/support/http.ts';
import { createApp as authApp } from '../../../services/auth/src/app.ts';
import { createProvider } from '../../../services/auth/src/adapters/oidc.ts';
import {
  storedAdapters,
  type StoredGrantIndex,
  type StoredLookup,
  type StoredModel,
} from '../../../services/auth/src/adapters/oidc-store.ts';
import { hashPassword, verifyPassword } from '../../../services/auth/src/adapters/passwords.ts';
import { makeAccountDirectory } from '../../../services/auth/src/application/accounts.ts';
import { createApp as noticeApp } from '../../../services/notice/src/app.ts';
import { noticeEventHandlers } from '../../../services/notice/src/adapters/events.ts';
import { makeTellCustomer } from '../../../services/notice/src/application/notices.ts';
import { InMemoryNotices } from '../../../services/notice/test/support/fakes.ts';
import { createApp as paymentApp } from '../../../services/payment/src/app.ts';
import {
  makeApprovePayment,
  makeRefundPayment,
  type PaymentDeps,
} from '../../../services/payment/src/application/payments.ts';
import { FakePromotionGateway, InMemoryPaymentRepository } from '../../../services/payment/test/support/fakes.ts';
import { createApp as promotionApp, createGrpcApp as promotionGrpcApp } from '../../../services/promotion/src/app.ts';
import { promotionEventHandlers } from '../../../services/promotion/src/adapters/events.ts';
import {
  makeGrantPromotion,
  makeRevokePromotion,
  type PromotionDeps,
} from '../../../services/promotion/src/application/promotions.ts';
import { InMemoryPromotionStore } from '../../../services/promotion/test/support/memory-store.ts';
import { createApp as reservationApp } from '../../../services/reservation/src/app.ts';
import { reservationEventHandlers } from '../../../services/reservation/src/adapters/events.ts';
import { sha256Fingerprint } from '../../../services/reservation/src/adapters/fingerprint.ts';
import { makeCancelReservation } from '../../../services/reservation/src/application/cancel-reservation.ts';
import { makePayReservation } from '../../../services/reservation/src/application/pay-reservation.ts';
import { makePlaceReservation } from '../../../services/reservation/src/application/place-reservation.ts';
import { makeReservationPolicies } from '../../../services/reservation/src/application/policies.ts';
import type { Hold, HoldPolicy, ReservationDeps } from '../../../services/reservation/src/application/ports.ts';
import {
  FakePaymentGateway,
  InMemoryCatalogue,
  InMemoryHolds,
  InMemoryIdempotency,
  InMemoryNights,
  InMemoryReservations,
} from '../../../services/reservation/test/support/fakes.ts';
import { createApp as roomApp } from '../../../services/room/src/app.ts';
import { roomEventHandlers } from '../../../services/room/src/adapters/events.ts';
import { makeRegisterRoom, makeUpdateAvailability } from '../../../services/room/src/application/rooms.ts';
import type { RoomDeps } from '../../../services/room/src/application/ports.ts';
import { InMemoryRooms } from '../../../services/room/test/support/fakes.ts';
import { createApp as roominfoApp } from '../../../services/roominfo/src/app.ts';
import { myPageEventHandlers } from '../../../services/roominfo/src/adapters/events.ts';
import { makeApplyEvent } from '../../../services/roominfo/src/application/mypage.ts';
import { InMemoryMyPageStore } from '../../../services/roominfo/test/support/fakes.ts';
import { lifeOf } from '../../../services/roominfo/test/support/events.ts';
import type { AppId } from './contract.ts';
import type { grpc } from '@roomstay/platform/grpc';

export interface AppUnderTest {
  app: Koa;
  /** Its gRPC adapter over the same ports, for an app whose sidecar speaks gRPC to it. */
  grpc?: grpc.Server;
  /** Puts the app in a named state; a name the app does not know is undefined here. */
  given: Record<string, () => Promise<void>>;
  /** The event handlers its subscription routes run, over the same ports. */
  handlers: EventHandlers;
}

/** Events owed are nobody's business in a contract: they leave nowhere. */
function quietOutbox<R extends WithOutbox>(): Outbox<R> {
  return { owe: async () => undefined, settleSoon: () => undefined, relay: async () => 0 };
}

const nothing = async (): Promise<void> => undefined;

async function room(): Promise<AppUnderTest> {
  let ids = 0;
  const deps: RoomDeps = {
    repository: new InMemoryRooms(),
    outbox: quietOutbox(),
    clock: { now: () => '2030-01-01T00:00:00.000Z' },
    ids: { roomId: () => `ROOM-${++ids}` },
  };
  const register = makeRegisterRoom(deps);
  const availability = makeUpdateAvailability(deps);
  const two = async () => {
    await register({ name: 'Ocean view', price: 50_000 });
    await register({ name: 'Garden', price: 30_000 });
  };
  return {
    app: roomApp({ ...deps, logger: silentLogger, appToken: testAppToken }),
    handlers: roomEventHandlers(availability),
    given: {
      'no rooms are registered': nothing,
      'room ROOM-1 is registered': async () => void (await register({ name: 'Ocean view', price: 50_000 })),
      'rooms ROOM-1 and ROOM-2 are registered': two,
      'ROOM-1 is booked from 2030-03-01 to 2030-03-03': async () => {
        await two();
        await availability.booked('ROOM-1', { reservationId: 'RSV-1', checkIn: '2030-03-01', checkOut: '2030-03-03' });
      },
    },
  };
}

const alice: Caller = { customerId: 'alice', name: 'Alice Kim', role: 'customer' };
const bob: Caller = { customerId: 'bob', name: 'Bob', role: 'customer' };

async function reservation(): Promise<AppUnderTest> {
  let now = Date.parse('2030-01-01T09:00:00.000Z');
  let ids = 0;
  const payments = new FakePaymentGateway();
  const holdPolicy: HoldPolicy = { holdMs: 15 * 60_000, limit: 0 };
  const deps: ReservationDeps = {
    reservations: new InMemoryReservations(),
    nights: new InMemoryNights(),
    catalogue: new InMemoryCatalogue([
      { roomId: 'R-OCEAN', name: 'Ocean view', price: 50_000 },
      { roomId: 'R-GARDEN', name: 'Garden', price: 30_000 },
    ]),
    idempotency: new InMemoryIdempotency(),
    holds: new InMemoryHolds(),
    expiries: new DueList<Hold>(new InMemoryDocuments(ConcurrencyConflict), z.custom<Hold>(), {
      name: 'holds',
      windowMs: 5000,
      slots: 128,
    }),
    holdPolicy,
    payments,
    publish: async () => undefined,
    fingerprint: sha256Fingerprint,
    clock: { now: () => new Date(now).toISOString() },
    ids: { reservationId: () => `RSV-${++ids}` },
    outbox: quietOutbox(),
  };
  const place = makePlaceReservation(deps);
  const pay = makePayReservation(deps);
  const cancel = makeCancelReservation(deps);
  const ocean = { roomId: 'R-OCEAN', checkIn: '2030-03-01', nights: 2 };
  const garden = { roomId: 'R-GARDEN', checkIn: '2030-04-01', nights: 1 };
  return {
    app: reservationApp({ ...deps, logger: silentLogger, appToken: testAppToken }),
    handlers: reservationEventHandlers(makeReservationPolicies(deps)),
    given: {
      'room R-OCEAN of 50,000 a night is in the catalogue': nothing,
      'R-OCEAN is taken on 2030-03-01 and 2030-03-02': async () => void (await place(bob, ocean)),
      'alice holds as many unpaid reservations as she may': async () => {
        holdPolicy.limit = 1;
        await place(alice, garden);
      },
      'alice has reservation RSV-1': async () => void (await place(alice, ocean)),
      'bob has reservation RSV-1': async () => void (await place(bob, ocean)),
      "alice's reservation RSV-1 is cancelled": async () => {
        await place(alice, ocean);
        await cancel(alice, 'RSV-1', 'plans changed');
      },
      "alice's reservation RSV-1 ran out unpaid": async () => {
        await place(alice, ocean);
        now += holdPolicy.holdMs + 60_000;
      },
      'alice paid RSV-2 with Idempotency-Key pay-once and has RSV-1 unpaid': async () => {
        await place(alice, ocean);
        await place(alice, garden);
        await pay(alice, 'RSV-2', 'pay-once');
      },
      'alice has reservation RSV-1 and payment is unavailable': async () => {
        await place(alice, ocean);
        payments.approveAs = 'unavailable';
      },
    },
  };
}

async function payment(): Promise<AppUnderTest> {
  let ids = 0;
  const deps: PaymentDeps = {
    repository: new InMemoryPaymentRepository(),
    outbox: quietOutbox(),
    promotions: new FakePromotionGateway(),
    clock: { now: () => '2030-01-01T09:01:00.000Z' },
    ids: { paymentId: () => `PAY-${++ids}` },
  };
  const approve = makeApprovePayment(deps);
  const refund = makeRefundPayment(deps);
  const paid = { reservationId: 'RSV-1', customerId: 'alice', customerName: 'Alice Kim', paymentPrice: 100_000 };
  return {
    app: paymentApp({ ...deps, logger: silentLogger, appToken: testAppToken }),
    handlers: {},
    given: {
      'no payment for RSV-1': nothing,
      'RSV-1 paid 100,000 by alice': async () => void (await approve(paid)),
      'RSV-1 paid 100,000 by alice and refunded': async () => {
        await approve(paid);
        await refund('RSV-1');
      },
    },
  };
}

async function promotion(): Promise<AppUnderTest> {
  let coupons = 0;
  const deps: PromotionDeps = {
    store: new InMemoryPromotionStore(),
    clock: { now: () => '2030-01-01T09:01:00.000Z' },
    ids: { couponId: () => `CPN-${++coupons}` },
    onCommitted: () => undefined,
  };
  const grant = makeGrantPromotion(deps);
  const revoke = makeRevokePromotion(deps);
  const payment = {
    paymentId: 'PAY-1',
    reservationId: 'RSV-1',
    customerId: 'alice',
    customerName: 'Alice Kim',
    paymentPrice: 120_000,
  };
  return {
    app: promotionApp({ ...deps, logger: silentLogger, appToken: testAppToken }),
    grpc: promotionGrpcApp({ ...deps, logger: silentLogger, appToken: testAppToken }),
    handlers: promotionEventHandlers({ grantPromotion: grant, revokePromotion: revoke }),
    given: {
      'no promotion for PAY-1': nothing,
      'PAY-1 of 120,000 was granted': async () => void (await grant({ ...payment, paymentStatus: 'Y' })),
      'PAY-1 of 120,000 was granted, then revoked': async () => {
        await grant({ ...payment, paymentStatus: 'Y' });
        await revoke(payment);
      },
    },
  };
}

async function roominfo(): Promise<AppUnderTest> {
  const store = new InMemoryMyPageStore();
  const apply = makeApplyEvent(store);
  const paidAndGranted = async () => {
    const life = lifeOf('RSV-1', { price: 100_000 });
    for (const event of [life.placed, life.approved, life.saved]) await apply(event.id, event.topic, event.payload);
  };
  return {
    app: roominfoApp({ store, logger: silentLogger, appToken: testAppToken }),
    handlers: myPageEventHandlers(apply),
    given: {
      "nothing is on anyone's page": nothing,
      'alice paid RSV-1 and was granted a promotion': paidAndGranted,
      'alice paid RSV-1 and was granted a promotion, and placed RSV-2': async () => {
        await paidAndGranted();
        const { placed } = lifeOf('RSV-2', { price: 60_000 });
        await apply(placed.id, placed.topic, placed.payload);
      },
    },
  };
}

async function notice(): Promise<AppUnderTest> {
  const notices = new InMemoryNotices();
  const tell = makeTellCustomer(notices);
  return {
    app: noticeApp({ notices, logger: silentLogger, appToken: testAppToken }),
    handlers: noticeEventHandlers(tell),
    given: {
      'nobody was told anything': nothing,
      'alice was told RSV-1 was placed and paid': async () => {
        const life = lifeOf('RSV-1', { price: 100_000 });
        await tell(life.placed.id, life.placed.topic, life.placed.payload, '2030-01-01T09:00:00.000Z');
        await tell(life.approved.id, life.approved.topic, life.approved.payload, '2030-01-01T09:01:00.000Z');
      },
    },
  };
}

async function auth(): Promise<AppUnderTest> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const key = { ...privateKey.export({ format: 'jwk' }), kid: 'contract', alg: 'ES256', use: 'sig', kty: 'EC' };
  const accounts = await makeAccountDirectory([{ username: 'alice', password: 'alice-pw', role: 'customer' }], {
    hash: hashPassword,
    verify: verifyPassword,
  });
  const issuer = 'http://localhost:8080/auth';
  const adapter = storedAdapters({
    models: new InMemoryDocuments<StoredModel>(),
    lookups: new InMemoryDocuments<StoredLookup>(),
    grants: new InMemoryDocuments<StoredGrantIndex>(),
  });
  const provider = createProvider({ issuer, jwks: { keys: [key] }, accounts, adapter });
  return {
    app: authApp({ provider, accounts, issuer, logger: silentLogger, appToken: testAppToken }),
    given: {
      'alice has an account with password alice-pw': nothing,
      // A grant as the provider saves it, kept under the id the interaction names.
      'alice signed in under grant grant-of-alice': async () => {
        const grants = adapter('Grant');
        const saved = await grants.find(
          await new provider.Grant({ accountId: 'alice', clientId: firstPartyClientId }).save(),
        );
        if (!saved) throw new Error('the grant was not saved');
        await grants.upsert('grant-of-alice', { ...saved, jti: 'grant-of-alice' }, 3600);
      },
    },
    handlers: {},
  };
}

/** A fresh app of each kind, in no state yet. */
export const apps: Record<Exclude<AppId, 'gateway'>, () => Promise<AppUnderTest>> = {
  auth,
  room,
  reservation,
  payment,
  promotion,
  roominfo,
  notice,
};
