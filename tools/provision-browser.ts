// The browser the browser tests drive: Debian's Chromium and a Korean font
// (Nanum), unpacked from their .deb files into the machine cache, never
// installed into the system (lib/debian.ts), so that a test machine needs no
// root and no browser download of playwright's own (there is none to be had
// here). Chromium then runs with the unpacked libraries on LD_LIBRARY_PATH and
// a fontconfig file that names only the unpacked fonts, so Hangul renders
// because of this step alone. Tests only: `npm start` never needs it.
import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { join } from 'node:path';
import { capture } from './lib/exec.ts';
import { say } from './lib/log.ts';
import { installedPackages, libraryDirs, unpackPackages } from './lib/debian.ts';
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
export function unpackBrowser(
  home: string,
  installed: (names: readonly string[]) => Promise<Set<string>> = installedPackages,
): Promise<number> {
  return unpackPackages('chromium', home, browserPackages, { always: ['chromium'], installed });
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
