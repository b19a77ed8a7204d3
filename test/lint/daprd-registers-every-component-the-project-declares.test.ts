// The daprd the project builds (tools/provision/daprd/main.go) registers only
// the components the project declares: every component type under components/
// and the name resolution of dapr/config.yaml must be among them, or a sidecar
// would refuse to start.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { parseAllDocuments } from 'yaml';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFile(`${repoRoot}${path}`, 'utf8');

/** "state.redis", "pubsub.kafka", ... as main.go registers them: `<kind>.DefaultRegistry.RegisterComponent...(…, "name", ...)`. */
function registered(mainGo: string): Set<string> {
  const types = new Set<string>();
  const calls = /(\w+)\.DefaultRegistry\.RegisterComponent(?:WithVersions)?\(([^\n]*)/g;
  for (const [, kind, args = ''] of mainGo.matchAll(calls)) {
    for (const [, name] of args.matchAll(/"([\w.]+)"/g)) types.add(`${kind}.${name}`);
  }
  return types;
}

async function declared(): Promise<string[]> {
  const types: string[] = [];
  for (const file of (await readdir(`${repoRoot}components`)).filter((f) => f.endsWith('.yaml'))) {
    for (const doc of parseAllDocuments(await read(`components/${file}`))) {
      const object = doc.toJS() as { kind?: string; spec?: { type?: string } } | null;
      if (object?.kind === 'Component' && object.spec?.type) types.push(object.spec.type);
    }
  }
  const config = (await read('dapr/config.yaml')).match(/nameResolution:\s*\n\s*component:\s*(\S+)/);
  if (config?.[1]) types.push(`nameresolution.${config[1]}`);
  return types;
}

test('every component type the project declares is registered in the daprd it builds', async (t) => {
  const built = registered(await read('tools/provision/daprd/main.go'));
  const types = await declared();
  t.true(types.length >= 6, `found the declared types: ${types.join(', ')}`);
  for (const type of types) t.true(built.has(type), `${type} is registered in tools/provision/daprd/main.go`);
});
