import test from 'ava';
import { GRANT_RECHECK_MS } from '../src/adapters/tokens.ts';
import { outcome, signedTokens } from './support/tokens.ts';

test('auth is asked about a grant once per recheck period, however many requests and tokens use it', async (t) => {
  const asked: string[] = [];
  const { verifier, bearer, advance } = await signedTokens(async (grantId) => {
    asked.push(grantId);
    return true;
  });
  const first = await bearer('grant-1');
  const second = await bearer('grant-1');
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) => outcome(verifier.verify(i % 2 ? first : second))),
  );
  t.deepEqual(new Set(answers), new Set(['accepted']));
  t.deepEqual(asked, ['grant-1'], 'twenty requests at once, one question');

  advance(GRANT_RECHECK_MS - 1);
  await verifier.verify(first);
  t.is(asked.length, 1, 'not asked again within the period');
  advance(1);
  await verifier.verify(first);
  t.is(asked.length, 2, 'asked again once it has passed');
});
