import test from 'ava';
import { texts } from '../src/i18n.ts';
import { problemOf, retryAfterSeconds } from '../src/problems.ts';

const en = texts.en;
const ko = texts.ko;

test('a room taken by someone else (409) says so and asks for other dates or another room', (t) => {
  const problem = problemOf({ status: 409, code: 'room_unavailable' }, en);
  t.regex(problem.text, /just taken/);
  t.is(problem.retryIn, undefined, 'nothing is tried again by itself');
  t.regex(problemOf({ status: 409, code: 'room_unavailable' }, ko).text, /예약되었습니다/);
});

test('too many requests (429) asks to wait the seconds Retry-After says', (t) => {
  t.regex(problemOf({ status: 429, code: 'rate_limited', retryAfter: 7 }, en).text, /wait 7 s/);
  t.regex(problemOf({ status: 429, code: 'rate_limited', retryAfter: 7 }, ko).text, /7초/);
  t.is(problemOf({ status: 429, code: 'rate_limited', retryAfter: 7 }, en).retryIn, undefined);
});

test('too many unpaid holds (429 hold_limit_reached) asks to pay or cancel first, not to wait', (t) => {
  const problem = problemOf({ status: 429, code: 'hold_limit_reached', retryAfter: 7 }, en);
  t.regex(problem.text, /Pay or cancel/);
});

test('a service that is busy (503) is tried again by itself after Retry-After, and says when', (t) => {
  const problem = problemOf({ status: 503, code: 'service_unavailable', retryAfter: 5 }, en);
  t.is(problem.retryIn, 5);
  t.regex(problem.text, /again in 5 s/);
});

test('an ended session (401) asks to sign in again', (t) => {
  t.true(problemOf({ status: 401, code: 'unauthorized' }, en).signIn);
});

test('no answer at all says the site cannot be reached', (t) => {
  t.regex(problemOf({ status: 0 }, en).text, /cannot be reached/);
});

test('Retry-After is read as seconds or as an HTTP date, at least one second', (t) => {
  t.is(retryAfterSeconds('5'), 5);
  t.is(retryAfterSeconds('0'), 1);
  t.is(retryAfterSeconds(new Date(10_000 + 3_000).toUTCString(), 10_000), 3);
  t.is(retryAfterSeconds(null), undefined);
  t.is(retryAfterSeconds('soon'), undefined);
});
