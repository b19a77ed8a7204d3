// The browser the browser tests drive: Debian's Chromium and a Korean font
// (Nanum), unpacked from their .deb files into the machine cache, never
// installed into the system, so that a test machine needs no root and no
// browser download of playwright's own (there is none to be had here). The
// packages a machine lacks are found the way apt would (the first alternative
// of each dependency, down to what dpkg says is installed), fetched with
// `apt-get download`, and unpacked with `dpkg-deb -x`. Chromium then runs with
// the unpacked libraries on LD_LIBRARY_PATH and a fontconfig file that names
// only the unpacked fonts, so Hangul renders because of this step alone. Tests
// only: `npm start` never needs it.
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { join } from 'node:path';
import { capture } from './lib/exec.ts';
import { say } from './lib/log.ts';
import { machineCache } from './lib/paths.ts';

/** The packages asked for by name; the rest follows from their dependencies. */
export const browserPackages = ['chromium', 'chromium-common', 'fonts-nanum', 'fonts-dejavu-core'] as const;

export interface Browser {
  /** The Chromium binary itself (not Debian's wrapper script). */
  executable: string;
  /** What it needs in its environment: the unpacked libraries and fonts. */
  env: Record<string, string>;
  /** Where the fonts it may use are: only these. */
  fontDir: string;
  version: string;
}

const browserHome = join(machineCache, 'browser');

/** What the marker of a complete provisioning holds; an older or partial marker means provisioning again. */
const Complete = z.object({ version: z.string().min(1), libs: z.array(z.string()) });

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

async function must(command: string, args: readonly string[], cwd?: string): Promise<string> {
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

function browserOf(root: string, version: string, libs: readonly string[]): Browser {
  return {
    executable: join(root, 'usr', 'lib', 'chromium', 'chromium'),
    env: {
      LD_LIBRARY_PATH: [...libs, process.env['LD_LIBRARY_PATH'] ?? ''].filter(Boolean).join(':'),
      FONTCONFIG_FILE: join(browserHome, 'fonts.conf'),
    },
    fontDir: join(root, 'usr', 'share', 'fonts'),
    version,
  };
}

/**
 * The shared libraries the browser and its own libraries ask for that neither
 * the unpacked packages nor the system have, as `ldd` finds them (empty: none).
 */
export async function missingLibraries(browser: Browser): Promise<string[]> {
  const chromiumDir = join(browser.executable, '..');
  const objects = [
    browser.executable,
    ...(await readdir(chromiumDir)).filter((f) => f.endsWith('.so')).map((f) => join(chromiumDir, f)),
  ];
  const missing = new Set<string>();
  for (const object of objects) {
    const { stdout } = await capture('ldd', [object], { env: { ...process.env, ...browser.env } });
    for (const line of stdout.split('\n')) {
      const match = /^\s*(\S+) => not found/.exec(line);
      if (match?.[1]) missing.add(match[1]);
    }
  }
  return [...missing].sort();
}

/** A fontconfig file naming only the fonts in `fontDir`. */
export const fontsConf = (fontDir: string, cacheDir: string): string => `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<!-- Only the fonts unpacked beside this file: the browser tests show Hangul because of them alone. -->
<fontconfig>
  <dir>${fontDir}</dir>
  <cachedir>${cacheDir}</cachedir>
</fontconfig>
`;

/**
 * Fetches Chromium, the fonts and every dependency `installed` lacks, and
 * unpacks them into `home`/root; answers how many packages that took.
 */
export async function unpackBrowser(
  home: string,
  installed: (names: readonly string[]) => Promise<Set<string>> = installedPackages,
): Promise<number> {
  let toFetch = await packagesToFetch(browserPackages, installed);
  if (!toFetch.includes('chromium')) toFetch = [...toFetch, 'chromium'];
  const debs = join(home, 'debs');
  await rm(home, { recursive: true, force: true });
  await mkdir(debs, { recursive: true });
  say('setup', `chromium: apt-get download ${toFetch.length} packages (${toFetch.join(' ')})`);
  try {
    await must('apt-get', ['download', '-q', ...toFetch], debs);
  } catch {
    say('setup', 'chromium: apt-get update (package lists were stale)');
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

/** Chromium and its fonts, unpacked in the machine cache (once per machine). */
export async function ensureBrowser(): Promise<Browser> {
  const root = join(browserHome, 'root');
  const marker = join(browserHome, '.complete');
  if (existsSync(marker)) {
    const done = Complete.safeParse(JSON.parse(await readFile(marker, 'utf8').catch(() => 'null')));
    if (done.success) {
      const browser = browserOf(root, done.data.version, done.data.libs);
      say('setup', `chromium ${browser.version}: ${browser.executable}`);
      return browser;
    }
  }
  const started = Date.now();
  say('setup', 'chromium: finding the Debian packages this machine lacks for Chromium and a Korean font');
  const packages = await unpackBrowser(browserHome);
  await writeFile(
    join(browserHome, 'fonts.conf'),
    fontsConf(join(root, 'usr', 'share', 'fonts'), join(browserHome, 'fontconfig-cache')),
  );
  const libs = await libraryDirs(root);
  const unpacked = browserOf(root, '', libs);
  // Nothing may be missing before this step calls itself complete: a machine that happens to have a library
  // installed hides that the unpacked packages lack it.
  const missing = await missingLibraries(unpacked);
  if (missing.length) {
    throw new Error(
      `the unpacked Chromium lacks ${missing.join(', ')}: no package fetched or installed provides ${missing.length === 1 ? 'it' : 'them'}`,
    );
  }
  const { stdout } = await capture(unpacked.executable, ['--version'], { env: { ...process.env, ...unpacked.env } });
  const version = /(\d+\.\d+\.\d+\.\d+)/.exec(stdout)?.[1];
  if (!version) throw new Error('the unpacked Chromium does not run');
  await writeFile(marker, `${JSON.stringify({ version, libs })}\n`);
  say(
    'setup',
    `chromium ${version}: ${packages} packages unpacked, libraries in ${libs.length} folders, none missing, in ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
  return browserOf(root, version, libs);
}
