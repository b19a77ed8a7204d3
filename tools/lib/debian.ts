// Debian packages a tool needs, unpacked into the machine cache, never installed
// into the system: the packages a machine lacks are found the way apt would (the
// first alternative of each dependency, down to what dpkg says is installed),
// fetched with `apt-get download`, and unpacked with `dpkg-deb -x`. What runs from
// them finds their libraries on LD_LIBRARY_PATH (libraryDirs).
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { capture } from './exec.ts';
import { say } from './log.ts';

/** Debian bookworm with its updates and security updates: what a minimal system (mmdebstrap) is made from. */
export const debianMirrors = [
  'deb http://deb.debian.org/debian bookworm main',
  'deb http://deb.debian.org/debian bookworm-updates main',
  'deb http://deb.debian.org/debian-security bookworm-security main',
];

/** Which of `names` dpkg says are installed, in the package database at `admindir` (the machine's unless said). */
export async function installedPackages(names: readonly string[], admindir?: string): Promise<Set<string>> {
  const { stdout } = await capture('dpkg-query', [
    ...(admindir ? [`--admindir=${admindir}`] : []),
    '-W',
    '-f=${Package} ${db:Status-Status}\\n',
    ...names,
  ]);
  return new Set(
    stdout
      .split('\n')
      .filter((line) => line.endsWith(' installed'))
      .map((line) => line.split(' ')[0] ?? ''),
  );
}

interface Dependency {
  /** Alternatives, the first preferred; a virtual package stands for its providers. */
  anyOf: string[];
}

/** `apt-cache depends` of several packages: each one's Depends and Pre-Depends, alternatives grouped. */
export function parseDepends(output: string): Map<string, Dependency[]> {
  const result = new Map<string, Dependency[]>();
  let current: Dependency[] | undefined;
  let group: string[] | undefined;
  let lastWasVirtual = false;
  let continues = false;
  for (const line of output.split('\n')) {
    if (!line.trim()) continue;
    if (!line.startsWith(' ')) {
      current = [];
      result.set(line.trim(), current);
      group = undefined;
      continue;
    }
    const dep = /^ (\||\s)(?:Pre)?Depends: (.+)$/.exec(line);
    if (dep && current) {
      const name = (dep[2] ?? '').trim();
      if (!continues || !group) {
        group = [];
        current.push({ anyOf: group });
      }
      continues = dep[1] === '|';
      lastWasVirtual = name.startsWith('<');
      // A virtual package's providers follow it, indented further.
      if (!lastWasVirtual) group.push(name.replace(/:any$/, ''));
      continue;
    }
    if (/^ {4}\S/.test(line) && lastWasVirtual && group) group.push(line.trim().replace(/:any$/, ''));
  }
  return result;
}

/** What must be fetched for `roots`: the roots, and each dependency that nothing installed or chosen satisfies. */
export async function packagesToFetch(
  roots: readonly string[],
  isInstalled: (names: readonly string[]) => Promise<Set<string>> = installedPackages,
): Promise<string[]> {
  const chosen = new Set<string>(roots);
  let frontier = [...roots];
  while (frontier.length) {
    const { stdout } = await capture('apt-cache', [
      'depends',
      '--no-recommends',
      '--no-suggests',
      '--no-conflicts',
      '--no-breaks',
      '--no-replaces',
      '--no-enhances',
      ...frontier,
    ]);
    const depends = parseDepends(stdout);
    const wanted = [...depends.values()].flat();
    const installed = await isInstalled([...new Set(wanted.flatMap((d) => d.anyOf))]);
    const next: string[] = [];
    for (const { anyOf } of wanted) {
      if (anyOf.some((name) => installed.has(name) || chosen.has(name))) continue;
      const pick = anyOf[0];
      if (!pick) continue;
      chosen.add(pick);
      next.push(pick);
    }
    frontier = next;
  }
  return [...chosen].sort();
}

export async function must(command: string, args: readonly string[], cwd?: string): Promise<string> {
  const result = await capture(command, args, cwd ? { cwd } : {});
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.trim().slice(-2000)}`);
  return result.stdout;
}

/** Every folder under `root` that holds a shared library (`*.so`, `*.so.N`): where the unpacked packages put them. */
export async function libraryDirs(root: string): Promise<string[]> {
  const found = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (/\.so(\.\d+)*$/.test(entry.name)) found.add(dir);
    }
  };
  if (existsSync(root)) await walk(root);
  return [...found].sort();
}

/**
 * Fetches `roots` and every dependency `installed` lacks (`always`: fetched whatever is
 * installed), and unpacks them into `home`/root; answers how many packages that took.
 */
export async function unpackPackages(
  label: string,
  home: string,
  roots: readonly string[],
  options: {
    always?: readonly string[];
    installed?: (names: readonly string[]) => Promise<Set<string>>;
  } = {},
): Promise<number> {
  const found = await packagesToFetch(roots, options.installed ?? installedPackages);
  const toFetch = [...new Set([...found, ...(options.always ?? [])])].sort();
  const debs = join(home, 'debs');
  await rm(home, { recursive: true, force: true });
  await mkdir(debs, { recursive: true });
  say('setup', `${label}: apt-get download ${toFetch.length} packages (${toFetch.join(' ')})`);
  try {
    await must('apt-get', ['download', '-q', ...toFetch], debs);
  } catch {
    say('setup', `${label}: apt-get update (package lists were stale)`);
    await must('apt-get', ['update', '-q']);
    await must('apt-get', ['download', '-q', ...toFetch], debs);
  }
  const files = (await readdir(debs)).filter((f) => f.endsWith('.deb'));
  for (const [index, file] of files.entries()) {
    await must('dpkg-deb', ['-x', join(debs, file), join(home, 'root')]);
    if ((index + 1) % 20 === 0) say('setup', `  unpacked ${index + 1}/${files.length}`);
  }
  await rm(debs, { recursive: true, force: true });
  return files.length;
}
