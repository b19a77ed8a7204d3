import test from 'ava';
import { KEEP_NOTICES, tell, type Inbox } from '../src/domain/notice.ts';

const fact = (n: number) => ({ kind: 'payment-approved' as const, reservationId: `RSV-${n}`, paymentPrice: 1_000 });

test('an inbox keeps the newest notices only, however many events were told', (t) => {
  let inbox: Inbox = { notices: [] };
  for (let n = 0; n < KEEP_NOTICES * 3; n++) {
    inbox = tell(inbox, `E-${n}`, 'alice', fact(n), `2030-01-01T00:00:${String(n % 60).padStart(2, '0')}Z`);
  }
  t.is(inbox.notices.length, KEEP_NOTICES);
  t.is(JSON.stringify(inbox).length < 200 * KEEP_NOTICES + 2, true, 'the stored document does not grow with history');
  t.is(inbox.notices[0]?.noticeId, `E-${KEEP_NOTICES * 3 - 1}`);
});

test('an event told again while its notice is kept changes nothing', (t) => {
  const once = tell({ notices: [] }, 'E-1', 'alice', fact(1), '2030-01-01T00:00:00Z');
  t.is(tell(once, 'E-1', 'alice', fact(1), '2030-01-01T00:00:00Z'), once);
});
