// The local run's name resolution (SQLite) has its garbage collector off: the
// collector of components-contrib 1.18.4 deletes the hosts that renewed within
// the last update interval, every live one, and each daprd then exits with
// "host registration lost". A soak of the stack lost all eight sidecars at once
// 3,614 s after they started (cleanupInterval was 1h).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { parse } from 'yaml';
import { repoRoot } from '../../tools/lib/paths.ts';

test("the local run's name resolution never runs its garbage collector", async (t) => {
  const config = parse(await readFile(join(repoRoot, 'dapr', 'config.yaml'), 'utf8')) as {
    spec: { nameResolution?: { component: string; configuration?: Record<string, unknown> } };
  };
  const resolution = config.spec.nameResolution;
  t.is(resolution?.component, 'sqlite');
  t.is(String(resolution?.configuration?.['cleanupInterval']), '0');
});
