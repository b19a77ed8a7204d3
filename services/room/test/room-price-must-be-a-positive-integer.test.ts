import test from 'ava';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { admin, roomApi } from './support/app.ts';

for (const price of [0, -1, -50_000, '50000', 50_000.5, null]) {
  test(`a price of ${JSON.stringify(price)} answers 400 invalid_field price`, async (t) => {
    const { register, rooms } = await roomApi(t);
    const reply = await register(admin, { name: 'Ocean view', price });
    t.is(reply.status, 400);
    t.like(errorOf(reply), { code: 'invalid_field', field: 'price' });
    t.deepEqual(await rooms.ids(), []);
  });
}

test('a missing price answers 400 missing_field price', async (t) => {
  const { register } = await roomApi(t);
  const reply = await register(admin, { name: 'Ocean view' });
  t.like(errorOf(reply), { code: 'missing_field', field: 'price' });
});

test('a blank name answers 400 invalid_field name', async (t) => {
  const { register } = await roomApi(t);
  const reply = await register(admin, { name: '   ', price: 10_000 });
  t.like(errorOf(reply), { code: 'invalid_field', field: 'name' });
});

test('a price of 1 is accepted', async (t) => {
  const { register } = await roomApi(t);
  t.is((await register(admin, { name: 'Broom cupboard', price: 1 })).status, 201);
});
