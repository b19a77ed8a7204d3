import type { EventPayload, SavePromotion } from '@roomstay/contracts';
import { silentLogger } from '@roomstay/platform';
import test, { type ExecutionContext } from 'ava';
import { testAppToken } from '../../../../packages/platform/test/support/http.ts';
import { adapters, type Adapter, driverFor, type PromotionDriver } from './drivers.ts';
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
  api: PromotionDriver;
  store: InMemoryPromotionStore;
  /** How many commits told the relay to run. */
  kicks: () => number;
}

/**
 * The promotion app in process, over an in-memory store, coupons numbered
 * CPN-1, CPN-2, ..., served as main.ts serves it and driven through one adapter.
 */
export async function promotionApi(t: ExecutionContext, adapter: Adapter): Promise<PromotionHarness> {
  const store = new InMemoryPromotionStore();
  let coupons = 0;
  let kicks = 0;
  const api = await driverFor(t, adapter, {
    appToken: testAppToken,
    store,
    clock: { now: () => now },
    ids: { couponId: () => `CPN-${++coupons}` },
    logger: silentLogger,
    onCommitted: () => {
      kicks++;
    },
  });
  return { api, store, kicks: () => kicks };
}

/** One behaviour, one test per inbound adapter (its title says which). */
export function eachAdapter(
  title: string,
  body: (t: ExecutionContext, harness: PromotionHarness) => Promise<void>,
): void {
  for (const adapter of adapters) {
    test(`${title} (${adapter})`, async (t) => body(t, await promotionApi(t, adapter)));
  }
}
