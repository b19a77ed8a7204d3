import test from 'ava';
import { nightsIn, nightsOf, stayFrom } from '../src/domain/reservation.ts';

test('the nights of a stay are the days from checkIn to checkOut', (t) => {
  t.is(nightsOf({ checkIn: '2030-03-01', checkOut: '2030-03-02' }), 1);
  t.is(nightsOf({ checkIn: '2030-03-01', checkOut: '2030-03-04' }), 3);
});

test('nights are counted across month and year ends and leap days', (t) => {
  t.is(nightsOf({ checkIn: '2030-02-27', checkOut: '2030-03-02' }), 3);
  t.is(nightsOf({ checkIn: '2028-02-27', checkOut: '2028-03-02' }), 4);
  t.is(nightsOf({ checkIn: '2030-12-30', checkOut: '2031-01-02' }), 3);
});

test('nights do not depend on daylight saving time', (t) => {
  // Europe and the US change clocks in late March and late October.
  t.is(nightsOf({ checkIn: '2030-03-30', checkOut: '2030-04-01' }), 2);
  t.is(nightsOf({ checkIn: '2030-10-26', checkOut: '2030-10-28' }), 2);
});

test('a stay of n nights checks out n days after check-in, across months, years and leap days', (t) => {
  t.deepEqual(stayFrom('2030-03-01', 1), { checkIn: '2030-03-01', checkOut: '2030-03-02' });
  t.deepEqual(stayFrom('2030-02-27', 3), { checkIn: '2030-02-27', checkOut: '2030-03-02' });
  t.deepEqual(stayFrom('2028-02-28', 2), { checkIn: '2028-02-28', checkOut: '2028-03-01' });
  t.deepEqual(stayFrom('2030-12-30', 3), { checkIn: '2030-12-30', checkOut: '2031-01-02' });
  t.deepEqual(stayFrom('2030-01-01', 365), { checkIn: '2030-01-01', checkOut: '2031-01-01' });
});

test('the nights a stay takes are its dates from checkIn to the day before checkOut', (t) => {
  t.deepEqual(nightsIn({ checkIn: '2030-03-01', checkOut: '2030-03-02' }), ['2030-03-01']);
  t.deepEqual(nightsIn({ checkIn: '2030-02-27', checkOut: '2030-03-02' }), ['2030-02-27', '2030-02-28', '2030-03-01']);
  t.deepEqual(nightsIn({ checkIn: '2028-02-28', checkOut: '2028-03-01' }), ['2028-02-28', '2028-02-29']);
  t.deepEqual(nightsIn({ checkIn: '2030-12-31', checkOut: '2031-01-01' }), ['2030-12-31']);
});

test('as many nights are taken as are paid for', (t) => {
  for (const stay of [
    { checkIn: '2030-01-01', checkOut: '2030-01-08' },
    { checkIn: '2030-03-28', checkOut: '2030-04-02' },
    { checkIn: '2030-01-01', checkOut: '2031-01-01' },
  ]) {
    t.is(nightsIn(stay).length, nightsOf(stay));
  }
});

test('a stay that is not a stay takes no nights', (t) => {
  t.deepEqual(nightsIn({ checkIn: '2030-03-02', checkOut: '2030-03-01' }), []);
  t.deepEqual(nightsIn({ checkIn: '2030-03-01', checkOut: '2030-03-01' }), []);
});
