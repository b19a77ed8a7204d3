// One name per state (glossary: a promotion is granted, then maybe revoked):
// payment's answer, promotion's own record and my page name the states of a
// promotion with the same words, so a client never translates between them.
import test from 'ava';
import { MyPageReservation, PaymentResult, Promotion } from '@roomstay/contracts';

const myPageStates: readonly string[] = MyPageReservation.shape.promotionStatus.options;

test("every promotion state of payment's answer is a state my page shows", (t) => {
  const answered: readonly string[] = PaymentResult.shape.promotion.shape.status.options;
  t.deepEqual(
    answered.filter((s) => !myPageStates.includes(s)),
    [],
  );
});

test("every state of promotion's record is a state my page shows", (t) => {
  const recorded: readonly string[] = Promotion.shape.status.options;
  t.deepEqual(
    recorded.filter((s) => !myPageStates.includes(s)),
    [],
  );
});
