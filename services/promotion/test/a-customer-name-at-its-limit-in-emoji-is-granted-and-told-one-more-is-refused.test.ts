// The name a promotion is granted for is told in PromotionSaved: the grant and
// the event count it the same way, so a granted name is always told.
import { MAX_CUSTOMER_NAME_LENGTH, PromotionSaved } from '@roomstay/contracts';
import { eachAdapter, paidPayment } from './support/app.ts';

/** Characters outside the Basic Multilingual Plane: two UTF-16 units each. */
const emoji = (count: number): string => '🏨'.repeat(count);

eachAdapter(
  'a customer name of its most characters in emoji is granted, and its PromotionSaved passes its schema',
  async (t, { api, store }) => {
    const reply = await api.grant(paidPayment(100_000, { customerName: emoji(MAX_CUSTOMER_NAME_LENGTH) }));
    t.like(reply, { ok: true });
    const told = store.events().find((event) => event.topic === 'PromotionSaved');
    t.true(PromotionSaved.safeParse(told?.payload).success);
  },
);

eachAdapter(
  'a customer name one character longer is refused as invalid naming it, as its event would be',
  async (t, { api, store }) => {
    const customerName = emoji(MAX_CUSTOMER_NAME_LENGTH + 1);
    const reply = await api.grant(paidPayment(100_000, { customerName }));
    t.like(reply, { ok: false, refusal: 'invalid', code: 'invalid_field', field: 'customerName' });
    t.deepEqual(store.all(), []);
    const { paymentStatus: _status, ...payment } = paidPayment(100_000, { customerName });
    const event = { ...payment, couponId: 'CPN-1', paymentStatus: 'Y', service: null, point: 10_000 };
    t.deepEqual(PromotionSaved.safeParse(event).error?.issues[0]?.path, ['customerName']);
  },
);
