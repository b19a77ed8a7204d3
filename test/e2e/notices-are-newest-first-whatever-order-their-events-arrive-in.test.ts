// Notice's order lives in its PostgreSQL table (an index by customer and
// place), so it is tested there: notice's own repository, signed in as notice's
// role on the stack's database, with a customer of the test's own.
import { randomUUID } from 'node:crypto';
import test from 'ava';
import pg from 'pg';
import { migrateNotices, postgresNoticeRepository } from '../../services/notice/src/adapters/postgres-repository.ts';
import { makeListNotices, makeTellCustomer } from '../../services/notice/src/application/notices.ts';
import { appSecrets } from '../support/operator.ts';
import { infra } from '../support/stack.ts';

const pool = new pg.Pool({
  host: '127.0.0.1',
  port: infra.postgresPort,
  database: 'notice',
  user: 'notice',
  password: appSecrets('notice').postgres,
  max: 2,
});
test.after.always(() => pool.end());

const customer = () => `order-${randomUUID()}`;
const approved = (customerId: string, n: number) => ({
  paymentId: `PAY-${n}`,
  reservationId: `RSV-${n}`,
  customerId,
  customerName: 'Test',
  paymentPrice: 1_000,
});

test('notices come newest first by the time of their event, whatever order the events arrive in', async (t) => {
  await migrateNotices(pool);
  const notices = postgresNoticeRepository(pool);
  const tell = makeTellCustomer(notices);
  const who = customer();
  const id = (name: string) => `${who}.${name}`;
  // The payment's event arrives before the placement it followed (another topic, another service).
  await tell(id('approved'), 'PaymentApproved', approved(who, 1), '2030-01-01T00:00:02.000Z');
  await tell(
    id('placed'),
    'ReservationPlaced',
    {
      reservationId: 'RSV-1',
      customerId: who,
      roomId: 'R-1',
      checkIn: '2030-03-01',
      checkOut: '2030-03-02',
      nights: 1,
      price: 1_000,
    },
    '2030-01-01T00:00:01.000Z',
  );
  await tell(id('later'), 'PaymentApproved', approved(who, 2), '2030-01-01T00:00:03.000Z');
  const { notices: listed } = await makeListNotices(notices)(who);
  t.deepEqual(
    listed.map((n) => n.noticeId),
    [id('later'), id('approved'), id('placed')],
  );
});

test('of notices of the same time the last told comes first, and pages go on where the last one ended', async (t) => {
  await migrateNotices(pool);
  const notices = postgresNoticeRepository(pool);
  const tell = makeTellCustomer(notices);
  const who = customer();
  for (let n = 1; n <= 5; n++)
    await tell(`${who}.E-${n}`, 'PaymentApproved', approved(who, n), '2030-01-01T00:00:00.000Z');
  // Told again (a redelivery): kept once, where it was.
  await tell(`${who}.E-2`, 'PaymentApproved', approved(who, 2), '2030-01-01T00:00:00.000Z');
  const list = makeListNotices(notices);
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(who, { limit: '2', ...(cursor ? { cursor } : {}) });
    t.true(page.notices.length <= 2);
    seen.push(...page.notices.map((n) => n.noticeId.slice(who.length + 1)));
    cursor = page.next;
  } while (cursor);
  t.deepEqual(seen, ['E-5', 'E-4', 'E-3', 'E-2', 'E-1']);
  t.deepEqual(await list(customer()), { notices: [] }, 'nobody else sees them');
});
