// The edges the contracts cover are the edges the system has, found where the
// code states them: every route of the gateway (routes.ts and the /auth
// allow-list), every service invocation (each `invoke(` in services/*/src),
// every subscription (components/subscriptions.yaml and the handlers each app
// registers), every event a producer builds. A new edge without a contract,
// or a contract of an edge that is gone, fails here.
import { readdir, readFile } from 'node:fs/promises';
import test from 'ava';
import { parseAllDocuments } from 'yaml';
import { topics, type Topic } from '@roomstay/contracts';
import { authRoutes, routes } from '../../services/gateway/src/adapters/routes.ts';
import { subscriptionNeeds } from './edges/events.ts';
import { gatewayContracts, invocationContracts } from './edges/index.ts';
import { apps } from './support/apps.ts';
import { splitPath, type InvocationContract } from './support/contract.ts';
import { alice } from './support/gateway.ts';
import { producers } from './support/producers.ts';

const root = new URL('../../', import.meta.url);

/** Every TypeScript source of the services, by service. */
async function sources(): Promise<Array<{ service: string; file: string; text: string }>> {
  const found: Array<{ service: string; file: string; text: string }> = [];
  for (const service of await readdir(new URL('services/', root))) {
    const dir = new URL(`services/${service}/src/`, root);
    for (const file of await readdir(dir, { recursive: true })) {
      if (!file.endsWith('.ts')) continue;
      found.push({
        service,
        file: `services/${service}/src/${file}`,
        text: await readFile(new URL(file, dir), 'utf8'),
      });
    }
  }
  return found;
}

interface CallSite {
  service: string;
  file: string;
  appId: string;
  method: string;
  path: string;
}

/** platform's `invoke(client, appId, method, path, ...)`, wherever it is called. */
async function invocations(): Promise<CallSite[]> {
  const sites: CallSite[] = [];
  for (const { service, file, text } of await sources()) {
    for (const match of text.matchAll(/(?<![.\w])invoke\(\s*\w+,\s*([^,]+),\s*([^,]+),\s*('[^']*'|`[^`]*`|\w+)/g)) {
      const [, appId = '', method = '', path = ''] = match;
      sites.push({ service, file, appId: appId.trim(), method: method.trim(), path: path.trim() });
    }
  }
  return sites;
}

/** A path argument as a pattern: a literal, or a template whose ${...} parts are one segment each. */
function pathPattern(argument: string): RegExp {
  const literal = /^'([^']*)'$/.exec(argument)?.[1];
  const template = /^`([^`]*)`$/.exec(argument)?.[1];
  const text = literal ?? template;
  if (text === undefined) throw new Error(`the path ${argument} is not a literal`);
  const parts = text.split(/\$\{[^}]*\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[^/?]+')}$`);
}

const unquote = (argument: string) => /^'([^']*)'$/.exec(argument)?.[1];

test('every public route has a contract with the app that owns it, and every gateway interaction is a route', (t) => {
  const interactions = gatewayContracts.flatMap((c) => c.interactions.map((i) => ({ provider: c.provider, i })));
  for (const route of routes) {
    const ofRoute = interactions.filter(({ i }) => i.route === route.operationId);
    t.true(ofRoute.length > 0, `${route.operationId} has a contract`);
    for (const { provider, i } of ofRoute) {
      t.is(route.target({ id: 'x' }, alice).appId, provider, `${i.description}: ${route.operationId}'s owner`);
      t.is(i.client.method, route.method, i.description);
    }
  }
  for (const route of authRoutes) {
    t.true(
      interactions.some(({ provider, i }) => provider === 'auth' && i.route === `${route.method} ${route.path}`),
      `${route.method} ${route.path} has a contract`,
    );
  }
  const known = new Set([...routes.map((r) => r.operationId), ...authRoutes.map((r) => `${r.method} ${r.path}`)]);
  for (const { i } of interactions) t.true(known.has(i.route), `"${i.description}" is of route ${i.route}`);
});

test('every service invocation in the code has a contract, and every contract an invocation', async (t) => {
  const sites = await invocations();
  t.true(sites.length >= 5, 'the invocations are found');
  for (const { text, file } of await sources())
    t.false(/\.invoker\.invoke\(/.test(text), `${file} invokes through platform`);

  const dynamic = sites.filter((s) => unquote(s.appId) === undefined);
  // The gateway's upstream forwards the public routes: its edges are the routes, checked above.
  t.deepEqual(
    dynamic.map((s) => s.file),
    ['services/gateway/src/adapters/forward.ts'],
  );
  const stated = sites.filter((s) => unquote(s.appId) !== undefined);
  for (const site of stated) {
    const where = `${site.file}: ${site.method} ${site.path} on ${site.appId}`;
    const contracts = invocationContracts.filter(
      (c) => c.consumer === site.service && c.provider === unquote(site.appId),
    );
    if (contracts.length === 0) {
      t.fail(`${where} has no contract`);
      continue;
    }
    const pattern = pathPattern(site.path);
    t.true(
      contracts.some((contract) =>
        contract.interactions.some(
          (i) => `'${i.request.method}'` === site.method && pattern.test(splitPath(i.request.path).pathname),
        ),
      ),
      `${where} has an interaction`,
    );
  }
  const publicRoutes: readonly InvocationContract[] = gatewayContracts;
  for (const contract of invocationContracts) {
    // The gateway's public routes are checked above; of those, only the key read is an invocation of its own.
    const isRoute = publicRoutes.includes(contract);
    if (isRoute && contract.provider !== 'auth') continue;
    for (const i of contract.interactions) {
      if (isRoute && i.request.path !== '/auth/jwks') continue;
      t.true(
        stated.some(
          (s) =>
            s.service === contract.consumer &&
            unquote(s.appId) === contract.provider &&
            s.method === `'${i.request.method}'` &&
            pathPattern(s.path).test(splitPath(i.request.path).pathname),
        ),
        `${contract.consumer} -> ${contract.provider} "${i.description}" is an invocation in the code`,
      );
    }
  }
});

test('every subscription has a consumer that states its needs and handles it, and nothing else is handled', async (t) => {
  const text = await readFile(new URL('components/subscriptions.yaml', root), 'utf8');
  const subscribed = parseAllDocuments(text).flatMap((doc) => {
    const sub = doc.toJSON() as { spec: { topic: string }; scopes: string[] };
    return sub.scopes.map((app) => `${app}/${sub.spec.topic}`);
  });
  const stated = subscriptionNeeds().map(({ consumer, topic }) => `${consumer}/${topic}`);
  t.deepEqual([...stated].sort(), [...subscribed].sort(), 'the consumers state needs for every subscription');
  const handled: string[] = [];
  for (const [app, make] of Object.entries(apps)) {
    handled.push(...Object.keys((await make()).handlers).map((topic) => `${app}/${topic}`));
  }
  t.deepEqual(handled.sort(), [...subscribed].sort(), 'the apps handle every subscription and no other');
});

test('every event a producer builds has a contract, and every topic a producer and a consumer', async (t) => {
  const built = new Set<string>();
  for (const { service, text } of await sources()) {
    for (const match of text.matchAll(/OutgoingEvent<'(\w+)'>/g)) built.add(`${service}/${match[1] ?? ''}`);
  }
  const stated = topics.map((topic: Topic) => `${producers[topic].producer}/${topic}`);
  t.deepEqual([...built].sort(), [...stated].sort());
  const consumed = new Set(subscriptionNeeds().map((s) => s.topic));
  for (const topic of topics) t.true(consumed.has(topic), `${topic} has a consumer`);
});
