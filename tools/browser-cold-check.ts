// The browser's provisioning on a machine that has nothing of a desktop: a
// minimal Debian (`mmdebstrap --variant=minbase`, kept in the machine cache)
// stands for it. The packages Chromium and the fonts need are found against
// that system's package database, fetched and unpacked into it exactly as on
// any machine (provision-browser.ts); then, inside it (a chroot in a mount
// namespace of its own, so that every mount ends with it), no library may be
// missing and Chromium must render a page with Hangul. Nothing of this
// machine's own libraries can be found in there.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { capture, which } from './lib/exec.ts';
import { say } from './lib/log.ts';
import { machineCache } from './lib/paths.ts';
import { aptInstall } from './provision.ts';
import { debianMirrors, installedPackages, libraryDirs, must } from './lib/debian.ts';
import { fontsConf, unpackBrowser } from './provision-browser.ts';

const home = join(machineCache, 'browser-cold');
const rootfs = join(home, 'rootfs');
/** Where the browser goes inside the minimal system, as seen from inside. */
const inside = '/opt/roomstay';

async function minimalDebian(): Promise<void> {
  if (existsSync(join(rootfs, '.complete'))) return;
  if (!(await which('mmdebstrap'))) {
    say('setup', 'mmdebstrap: installing from Debian packages (the browser cold check only)');
    await aptInstall(['mmdebstrap']);
  }
  const started = Date.now();
  say('setup', `minimal Debian (minbase) for the browser cold check: ${rootfs}`);
  await rm(rootfs, { recursive: true, force: true });
  await mkdir(home, { recursive: true });
  await must('mmdebstrap', ['--variant=minbase', '--mode=root', '--quiet', 'bookworm', rootfs, ...debianMirrors]);
  await writeFile(join(rootfs, '.complete'), `${new Date().toISOString()}\n`);
  say('setup', `  minimal Debian: ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

/** Runs a command inside the minimal system, with /dev, /proc and a fresh /tmp that end with the command. */
function runInside(command: string, env: Record<string, string>) {
  const assignments = Object.entries(env).map(([k, v]) => `${k}='${v}'`);
  const script = [
    'set -e',
    `mount --rbind /dev '${rootfs}/dev'`,
    `mount -t proc proc '${rootfs}/proc'`,
    `mount -t tmpfs tmpfs '${rootfs}/tmp'`,
    `exec chroot '${rootfs}' /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp ${assignments.join(' ')} ${command}`,
  ].join('\n');
  return capture('unshare', ['--mount', '--propagation', 'private', '--fork', 'sh', '-c', script]);
}

export interface ColdCheck {
  packages: number;
  libraryFolders: number;
  missing: string[];
  version: string;
  /** The text of the page as Chromium rendered it (its DOM), and its screenshot. */
  dom: string;
  screenshot: string;
  screenshotBytes: number;
  seconds: number;
}

export const coldPage =
  '<!doctype html><html lang="ko"><meta charset="utf-8"><title>룸스테이</title><body style="font: 32px sans-serif"><h1>예약 완료: 할인쿠폰</h1><p id="ready">rendered</p></body></html>';

export async function browserColdCheck(): Promise<ColdCheck> {
  if (process.getuid?.() !== 0) throw new Error('the browser cold check needs root (a chroot in a mount namespace)');
  await minimalDebian();
  const started = Date.now();
  const browserHome = join(rootfs, inside);
  say('setup', 'browser cold check: the packages a minimal Debian lacks for Chromium and a Korean font');
  const packages = await unpackBrowser(browserHome, (names) =>
    installedPackages(names, join(rootfs, 'var', 'lib', 'dpkg')),
  );
  const root = join(browserHome, 'root');
  const seen = (path: string) => `/${relative(rootfs, path)}`;
  await writeFile(join(browserHome, 'fonts.conf'), fontsConf(seen(join(root, 'usr', 'share', 'fonts')), '/tmp/fc'));
  await writeFile(join(browserHome, 'page.html'), coldPage);
  const libs = (await libraryDirs(root)).map(seen);
  const env = { LD_LIBRARY_PATH: libs.join(':'), FONTCONFIG_FILE: `${inside}/fonts.conf` };
  const chromium = `${inside}/root/usr/lib/chromium/chromium`;
  const ldd = await runInside(`ldd ${chromium}`, env);
  const missing = [...ldd.stdout.matchAll(/^\s*(\S+) => not found/gm)].map((m) => m[1] ?? '').sort();
  const version = /(\d+\.\d+\.\d+\.\d+)/.exec((await runInside(`${chromium} --version`, env)).stdout)?.[1] ?? '';
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--user-data-dir=/tmp/profile',
    '--window-size=640,240',
  ].join(' ');
  const dom = (await runInside(`${chromium} ${flags} --dump-dom file://${inside}/page.html`, env)).stdout;
  const screenshot = join(browserHome, 'page.png');
  await runInside(`${chromium} ${flags} --screenshot=${inside}/page.png file://${inside}/page.html`, env);
  const screenshotBytes = existsSync(screenshot) ? (await stat(screenshot)).size : 0;
  return {
    packages,
    libraryFolders: libs.length,
    missing,
    version,
    dom,
    screenshot,
    screenshotBytes,
    seconds: (Date.now() - started) / 1000,
  };
}

export const readScreenshot = (check: ColdCheck): Promise<Buffer> => readFile(check.screenshot);
