// Lists are bounded: rooms, my page and notices come a page at a time with a
// cursor, and the public room list tells availability without anyone's reservation.
import test from 'ava';
import type { MyPage, NoticeList, RoomList } from '@roomstay/contracts';
import { call, eventually, reservableRoom, stay, users } from '../support/api.ts';

test('the room list comes in pages of at most the limit, and no room is on two pages', async (t) => {
  await reservableRoom(11_000);
  const seen = new Set<string>();
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await call<RoomList>('GET', `/rooms?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
    t.is(page.status, 200);
    t.true(page.body.rooms.length <= 3);
    for (const room of page.body.rooms) {
      t.false(seen.has(room.roomId), 'no room twice');
      seen.add(room.roomId);
    }
    cursor = page.body.next;
    pages++;
  } while (cursor && pages < 5);
  t.true(seen.size >= 1);
  t.true(pages === 5 || cursor === undefined, 'a page with more after it says where to go on');
});

test("the public room list tells whether a room is free for a stay, and never shows anyone's reservation", async (t) => {
  const alice = await users.alice();
  const roomId = await reservableRoom(12_000);
  const dates = stay(2);
  const placed = await call<{ reservationId: string }>('POST', '/reservations', {
    token: alice,
    body: { roomId, ...dates },
  });
  t.is(placed.status, 201);
  const taken = await eventually(async () => {
    const room = await call<{ available: boolean }>('GET', `/rooms/${roomId}?checkIn=${dates.checkIn}&nights=2`);
    return room.body.available === false ? room : undefined;
  });
  t.false(JSON.stringify(taken.body).includes(placed.body.reservationId));
  const page = await call('GET', `/rooms?checkIn=${dates.checkIn}&nights=2&limit=100`);
  t.false(JSON.stringify(page.body).includes(placed.body.reservationId), 'no reservation id in the list');
  const oneNight = await call<{ available: boolean }>('GET', `/rooms/${roomId}?checkIn=${dates.checkIn}`);
  t.false(oneNight.body.available, 'a check-in date alone asks about one night');
});

test('my page and notices come a page at a time, newest notices first', async (t) => {
  const bob = await users.bob();
  const roomId = await reservableRoom(13_000);
  for (let i = 0; i < 3; i++) {
    const placed = await call('POST', '/reservations', { token: bob, body: { roomId, ...stay(1) } });
    t.is(placed.status, 201);
  }
  const first = await eventually(async () => {
    const page = await call<MyPage>('GET', '/mypage?limit=2', { token: bob });
    return page.body.next ? page : undefined;
  });
  t.is(first.body.reservations.length, 2);
  const second = await call<MyPage>('GET', `/mypage?limit=2&cursor=${first.body.next ?? ''}`, { token: bob });
  t.is(second.status, 200);
  const ids = [...first.body.reservations, ...second.body.reservations].map((r) => r.reservationId);
  t.is(new Set(ids).size, ids.length, 'no reservation on two pages');

  const notices = await eventually(async () => {
    const page = await call<NoticeList>('GET', '/notices?limit=2', { token: bob });
    return page.body.next ? page : undefined;
  });
  t.is(notices.body.notices.length, 2);
  const [newer, older] = notices.body.notices;
  t.true((newer?.at ?? '') >= (older?.at ?? ''), 'newest first');
  const after = await call<NoticeList>('GET', `/notices?limit=2&cursor=${notices.body.next ?? ''}`, { token: bob });
  t.is(after.status, 200);
  t.true(after.body.notices.length > 0, 'the cursor leads to older notices');
  t.true((after.body.notices[0]?.at ?? '') <= (older?.at ?? ''), 'the next page goes on where the first ended');
  const seen = [...notices.body.notices, ...after.body.notices].map((n) => n.noticeId);
  t.is(new Set(seen).size, seen.length, 'no notice on two pages');
  const limitTooBig = await call('GET', '/notices?limit=101', { token: bob });
  t.is(limitTooBig.status, 400);
});
