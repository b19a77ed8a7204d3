import type { EventPayload, SavePromotion } from '@roomstay/contracts';
import { silentLogger } from '@roomstay/platform';
import type { ExecutionContext } from 'ava';
import { createApp } from '../../src/app.ts';
import { serve, type Client, testAppToken } from '../../../../packages/platform/test/support/http.ts';
import { InMemoryPromotionStore } from './memory-store.ts';

export const now = '2030-01-01T09:00:00.000Z';

/** A paid payment as payment sends it to POST /promotions, with the original's field names. */
export function paidPayment(paymentPrice: number, overrides: Partial<SavePromotion> = {}): SavePromotion {
  return {
    paymentId: 'PAY-1',
    reservationId: 'RSV-1',
    customerId: 'alice',
    customerName: 'Alice',
    paymentPrice,
    paymentStatus: 'Y',
    ...overrides,
  };
}

/** The PaymentApproved event of the same payment. */
export function paymentApproved(
  paymentPrice: number,
  overrides: Partial<EventPayload<'PaymentApproved'>> = {},
): EventPayload<'PaymentApproved'> {
  return {
    paymentId: 'PAY-1',
    reservationId: 'RSV-1',
    customerId: 'alice',
    customerName: 'Alice',
    paymentPrice,
    ...overrides,
  };
}

export interface PromotionHarness {
  api: Client;
  store: InMemoryPromotionStore;
  /** How many commits told the relay to run. */
  kicks: () => number;
}

/** The promotion app in process, over an in-memory store, coupons numbered CPN-1, CPN-2, ... */
export async function promotionApi(t: ExecutionContext): Promise<PromotionHarness> {
  const store = new InMemoryPromotionStore();
  let coupons = 0;
  let kicks = 0;
  const app = createApp({
    appToken: testAppToken,
    store,
    clock: { now: () => now },
    ids: { couponId: () => `CPN-${++coupons}` },
    logger: silentLogger,
    onCommitted: () => {
      kicks++;
    },
  });
  return { api: await serve(t, app), store, kicks: () => kicks };
}
