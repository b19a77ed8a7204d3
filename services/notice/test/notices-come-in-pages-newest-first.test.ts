import test from 'ava';
import { makeListNotices, makeTellCustomer } from '../src/application/notices.ts';
import { InMemoryNotices } from './support/fakes.ts';

const approved = (n: number) => ({
  paymentId: `PAY-${n}`,
  reservationId: `RSV-${n}`,
  customerId: 'alice',
  customerName: 'Alice',
  paymentPrice: 1_000,
});

test('a customer reads their notices a page at a time, newest first, with a cursor to the next page', async (t) => {
  const store = new InMemoryNotices();
  const tell = makeTellCustomer(store);
  for (let n = 1; n <= 5; n++) await tell(`E-${n}`, 'PaymentApproved', approved(n), '2030-01-01T00:00:00.000Z');
  const list = makeListNotices(store);
  const first = await list('alice', { limit: '2' });
  t.deepEqual(
    first.notices.map((n) => n.noticeId),
    ['E-5', 'E-4'],
  );
  t.truthy(first.next);
  const second = await list('alice', { limit: '2', ...(first.next ? { cursor: first.next } : {}) });
  t.deepEqual(
    second.notices.map((n) => n.noticeId),
    ['E-3', 'E-2'],
  );
  const last = await list('alice', { limit: '2', ...(second.next ? { cursor: second.next } : {}) });
  t.deepEqual(
    last.notices.map((n) => n.noticeId),
    ['E-1'],
  );
  t.false('next' in last, 'the last page has no cursor');
});

test('a customer told nothing has an empty list, and nobody else sees their notices', async (t) => {
  const store = new InMemoryNotices();
  await makeTellCustomer(store)('E-1', 'PaymentApproved', approved(1), '2030-01-01T00:00:00.000Z');
  t.deepEqual(await makeListNotices(store)('bob'), { notices: [] });
  t.deepEqual(await makeListNotices(store)('bob', {}), { notices: [] });
});
