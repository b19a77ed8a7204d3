import test from 'ava';
import { GRANT_RECHECK_MS } from '../src/adapters/tokens.ts';
import { outcome, signedTokens } from './support/tokens.ts';

test('a token is refused once auth says its grant is revoked (its holder signed out), and stays refused', async (t) => {
  const revoked = new Set<string>();
  const { verifier, bearer, advance } = await signedTokens(async (grantId) => !revoked.has(grantId));
  const mine = await bearer('grant-of-alice');
  const other = await bearer('grant-of-another-sign-in');
  t.is(await outcome(verifier.verify(mine)), 'accepted');
  t.is(await outcome(verifier.verify(other)), 'accepted');

  revoked.add('grant-of-alice');
  advance(GRANT_RECHECK_MS);
  t.is(await outcome(verifier.verify(mine)), 'unauthorized', 'refused at its next use after the recheck');
  t.is(await outcome(verifier.verify(other)), 'accepted', "another grant's token is not touched");

  revoked.delete('grant-of-alice');
  advance(GRANT_RECHECK_MS);
  t.is(await outcome(verifier.verify(mine)), 'unauthorized', 'a revoked grant is never asked about again');
});

test('a token that names no grant is refused', async (t) => {
  const { verifier, bearer } = await signedTokens(async () => true);
  t.is(await outcome(verifier.verify(await bearer('grant-1'))), 'accepted');
  t.is(await outcome(verifier.verify(await bearer(undefined))), 'unauthorized');
});
