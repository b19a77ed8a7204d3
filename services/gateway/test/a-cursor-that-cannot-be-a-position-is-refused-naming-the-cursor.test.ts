// GET /notices?cursor=AA once reached notice's PostgreSQL as a NUL it refuses:
// 500, then 503 once the sidecar's circuit to notice opened for everyone. Every
// list that takes a cursor refuses one that names no position, here at the edge.
import test from 'ava';
import { z } from 'zod';
import { encodeCursor } from '@roomstay/platform';
import { errorOf } from '../../../packages/platform/test/support/http.ts';
import { cursorsThatAreNoPosition } from '../../../packages/platform/test/support/cursors.ts';
import { routes } from '../src/adapters/routes.ts';
import { bearer, gatewayApi } from './support/app.ts';

const lists = routes.filter((route) => route.query instanceof z.ZodObject && 'cursor' in route.query.shape);

test('the lists that take a cursor are the rooms, my page and the notices', (t) => {
  t.deepEqual(lists.map((route) => route.path).sort(), ['/mypage', '/notices', '/rooms']);
});

test('a cursor that names no position answers 400 naming the cursor, and nothing is forwarded', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  for (const route of lists) {
    for (const [what, cursor] of Object.entries(cursorsThatAreNoPosition)) {
      const reply = await api.get(`${route.path}?cursor=${cursor}`, bearer('alice'));
      t.is(reply.status, 400, `${route.path}, ${what}`);
      t.like(errorOf(reply), { code: 'invalid_field', field: 'cursor' }, `${route.path}, ${what}`);
    }
  }
  t.deepEqual(upstream.calls, []);
});

test('a cursor no list gave but that names a position is forwarded as it is', async (t) => {
  const { api, upstream } = await gatewayApi(t);
  const cursor = encodeCursor('2030-01-01T00:00:00.000Z#00000000000000000042');
  for (const route of lists) t.is((await api.get(`${route.path}?cursor=${cursor}`, bearer('alice'))).status, 200);
  t.deepEqual(
    upstream.calls.map((call) => new URL(call.path, 'http://app').searchParams.get('cursor')),
    lists.map(() => cursor),
  );
});
