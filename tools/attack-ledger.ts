// The attack suite writes one line per attempt to .data/security/attacks.jsonl
// (test/security/support/attacks.ts); the test launcher counts them.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { dataDir } from './lib/paths.ts';

const ledger = join(dataDir, 'security', 'attacks.jsonl');

export async function startAttackLedger(): Promise<void> {
  await mkdir(join(dataDir, 'security'), { recursive: true });
  await rm(ledger, { force: true });
}

export async function attackCount(): Promise<{ tried: number; refused: number }> {
  const text = await readFile(ledger, 'utf8').catch(() => '');
  const attempts = text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { refused: boolean });
  return { tried: attempts.length, refused: attempts.filter((a) => a.refused).length };
}
