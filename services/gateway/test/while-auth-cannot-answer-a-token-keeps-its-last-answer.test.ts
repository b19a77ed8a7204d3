import test from 'ava';
import { GRANT_RECHECK_MS } from '../src/adapters/tokens.ts';
import { outcome, signedTokens } from './support/tokens.ts';

test('while auth cannot answer, a standing grant keeps standing, a revoked one stays revoked, and an unknown one passes on its signature', async (t) => {
  let reachable = true;
  const revoked = new Set(['grant-revoked']);
  const { verifier, bearer, advance } = await signedTokens(async (grantId) => {
    if (!reachable) throw new Error('auth is unreachable');
    return !revoked.has(grantId);
  });
  const standing = await bearer('grant-standing');
  const gone = await bearer('grant-revoked');
  t.is(await outcome(verifier.verify(standing)), 'accepted');
  t.is(await outcome(verifier.verify(gone)), 'unauthorized');

  reachable = false;
  advance(GRANT_RECHECK_MS);
  t.is(await outcome(verifier.verify(standing)), 'accepted', 'the ingress keeps serving while auth is away');
  t.is(await outcome(verifier.verify(gone)), 'unauthorized');
  t.is(await outcome(verifier.verify(await bearer('grant-never-seen'))), 'accepted');

  reachable = true;
  revoked.add('grant-standing');
  advance(1);
  t.is(await outcome(verifier.verify(standing)), 'unauthorized', 'asked again as soon as auth answers');
});
