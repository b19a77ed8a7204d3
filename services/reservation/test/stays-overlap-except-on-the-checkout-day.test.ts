import test from 'ava';
import { overlaps, type Stay } from '../src/domain/reservation.ts';

const stay = (checkIn: string, checkOut: string): Stay => ({ checkIn, checkOut });
const both = (a: Stay, b: Stay) => [overlaps(a, b), overlaps(b, a)];

test('the checkOut day of one stay is free for the checkIn of the next', (t) => {
  t.deepEqual(both(stay('2030-03-01', '2030-03-03'), stay('2030-03-03', '2030-03-05')), [false, false]);
});

test('stays sharing at least one night overlap, whichever comes first', (t) => {
  t.deepEqual(both(stay('2030-03-01', '2030-03-04'), stay('2030-03-03', '2030-03-05')), [true, true]);
  t.deepEqual(both(stay('2030-03-01', '2030-03-10'), stay('2030-03-04', '2030-03-05')), [true, true]);
  t.deepEqual(both(stay('2030-03-01', '2030-03-02'), stay('2030-03-01', '2030-03-02')), [true, true]);
});

test('stays with a gap between them do not overlap', (t) => {
  t.deepEqual(both(stay('2030-03-01', '2030-03-02'), stay('2030-03-05', '2030-03-06')), [false, false]);
});

test('dates compare as dates across months and years', (t) => {
  t.true(overlaps(stay('2030-12-30', '2031-01-02'), stay('2031-01-01', '2031-01-03')));
  t.false(overlaps(stay('2030-09-28', '2030-10-01'), stay('2030-10-01', '2030-10-02')));
});
