// README's generated blocks: what a tool writes between
// `<!-- generated: NAME -->` and `<!-- end: NAME -->`, never edited by hand.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';

/** Replaces what README holds between `<!-- generated: NAME -->` and `<!-- end: NAME -->`. */
export function replaceBlock(readme: string, name: string, content: string): string {
  const open = `<!-- generated: ${name} -->`;
  const close = `<!-- end: ${name} -->`;
  const from = readme.indexOf(open);
  const to = readme.indexOf(close);
  if (from < 0 || to < from) throw new Error(`README has no ${open} ... ${close} block`);
  return `${readme.slice(0, from + open.length)}\n\n${content}\n\n${readme.slice(to)}`;
}

/** Writes the blocks into README.md and formats it as the lint wants. */
export async function writeReadmeBlocks(blocks: Record<string, string>): Promise<void> {
  const file = join(repoRoot, 'README.md');
  let readme = await readFile(file, 'utf8');
  for (const [name, content] of Object.entries(blocks)) readme = replaceBlock(readme, name, content);
  await writeFile(file, readme);
  execFileSync(
    process.execPath,
    [join(repoRoot, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--write', 'README.md'],
    {
      cwd: repoRoot,
    },
  );
}
