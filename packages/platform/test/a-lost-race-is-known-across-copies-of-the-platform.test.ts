// Tests load the platform twice: services import the built package, test
// doubles its sources. A lost race thrown by either must be a lost race to the
// other, or a retried conflict becomes a 500 (it did: one placement in a few
// hundred, when two due-list entries drew the same slot).
import test from 'ava';
import { ConcurrencyConflict as Built } from '@roomstay/platform';
import { ConcurrencyConflict as Sources } from '../src/index.ts';

test('a lost race thrown by the sources is a lost race to the built package, and the other way round', (t) => {
  t.true(new Sources('lost') instanceof Built);
  t.true(new Built('lost') instanceof Sources);
});

test('no other error passes for a lost race', (t) => {
  t.false(new Error('ConcurrencyConflict') instanceof Built);
  t.false(Object.assign(new Error('x'), { name: 'ConcurrencyConflict' }) instanceof Sources);
  t.false((undefined as unknown) instanceof Built);
});
