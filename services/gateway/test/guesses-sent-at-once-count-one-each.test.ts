import test from 'ava';
import { gatewayApi } from './support/app.ts';
import { signIn, wrongPasswordsFail } from './support/sign-in.ts';

test('twelve wrong passwords sent at once reach the password check only as often as the budget allows', async (t) => {
  const { api, upstream } = await gatewayApi(t, { signInFailuresPerAccountAndAddress: { points: 5, seconds: 900 } });
  wrongPasswordsFail(upstream);
  // The authorization server answers slowly: every attempt is under way before the first is answered.
  const answer = upstream.answer;
  upstream.answer = async (call) => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    return answer(call);
  };
  const replies = await Promise.all(
    Array.from({ length: 12 }, (_, i) => api.request('POST', '/auth/token', signIn('alice', `guess-${i}`))),
  );
  t.is(upstream.calls.length, 5, 'five guesses were checked');
  t.is(replies.filter((r) => r.status === 429).length, 7, 'seven were refused before any check');
});
