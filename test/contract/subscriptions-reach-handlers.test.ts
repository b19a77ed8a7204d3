// Every Subscription in components/ delivers to a route its app really serves,
// and dead-letters to its own topic.
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import test from 'ava';
import type Koa from 'koa';
import { parseAllDocuments } from 'yaml';
import { deadLetterTopic, type Topic } from '@roomstay/contracts';
import { silentLogger } from '@roomstay/platform';
import { createApp as notice } from '../../services/notice/src/app.ts';
import { createApp as promotion } from '../../services/promotion/src/app.ts';
import { createApp as reservation } from '../../services/reservation/src/app.ts';
import { createApp as room } from '../../services/room/src/app.ts';
import { createApp as roominfo } from '../../services/roominfo/src/app.ts';

interface Subscription {
  metadata: { name: string };
  spec: { pubsubname: string; topic: string; routes: { default: string }; deadLetterTopic: string };
  scopes: string[];
}

// Handlers are never reached: a body that is not a CloudEvent is dropped first.
const unused = {} as never;
const apps: Record<string, () => Koa> = {
  notice: () => notice({ notices: unused, logger: silentLogger, appToken: 'contract' }),
  promotion: () =>
    promotion({
      store: unused,
      clock: unused,
      ids: unused,
      logger: silentLogger,
      appToken: 'contract',
      onCommitted: () => undefined,
    }),
  reservation: () => reservation({ ...(unused as object), logger: silentLogger, appToken: 'contract' } as never),
  room: () => room({ ...(unused as object), logger: silentLogger, appToken: 'contract' } as never),
  roominfo: () => roominfo({ store: unused, logger: silentLogger, appToken: 'contract' }),
};

test('every subscription delivers to a route its app serves and dead-letters to a topic of its own', async (t) => {
  const text = await readFile(new URL('../../components/subscriptions.yaml', import.meta.url), 'utf8');
  const subscriptions = parseAllDocuments(text).map((d) => d.toJSON() as Subscription);
  t.true(subscriptions.length >= 10);
  const deadLetters = new Set<string>();
  for (const sub of subscriptions) {
    const [app] = sub.scopes;
    t.is(sub.scopes.length, 1, `${sub.metadata.name} is scoped to one app`);
    const make = app ? apps[app] : undefined;
    if (!make || !app) {
      t.fail(`${sub.metadata.name}: no consuming app ${app}`);
      continue;
    }
    t.is(sub.spec.pubsubname, 'pubsub');
    t.is(sub.spec.deadLetterTopic, deadLetterTopic(app, sub.spec.topic as Topic));
    deadLetters.add(sub.spec.deadLetterTopic);
    const server = make().listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}${sub.spec.routes.default}`, {
        method: 'POST',
        headers: { 'content-type': 'application/cloudevents+json', 'dapr-api-token': 'contract' },
        body: JSON.stringify({ not: 'a cloud event' }),
      });
      t.is(response.status, 200, `${app} serves ${sub.spec.routes.default}`);
      t.deepEqual(await response.json(), { status: 'DROP' }, `${app} drops what is not a CloudEvent`);
    } finally {
      server.close();
    }
  }
  t.is(deadLetters.size, subscriptions.length, 'no two subscriptions share a dead-letter topic');
});
