import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../../tools/lib/paths.ts';
import { rendered } from './support/manifests.ts';

test('no Secret is committed: every one the cluster gets is made at deploy time', async (t) => {
  const tracked = execFileSync('git', ['ls-files', 'k8s', 'components', 'dapr'], { cwd: repoRoot })
    .toString()
    .split('\n')
    .filter((f) => /\.ya?ml$/.test(f));
  t.true(tracked.length > 0);
  for (const file of tracked) {
    const kinds = parseAllDocuments(await readFile(join(repoRoot, file), 'utf8')).map(
      (d) => (d.toJS() as { kind?: string } | null)?.kind,
    );
    t.false(kinds.includes('Secret'), file);
    t.false(file.startsWith('k8s/deploy/'), file);
  }
  const { objects } = await rendered();
  t.true(objects.filter((o) => o.kind === 'Secret').length > 0, 'the deployment step makes them');
});
