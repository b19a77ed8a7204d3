// A real Chromium (Debian's, unpacked by tools/provision-browser.ts) driven by
// playwright-core, against the shared stack through the gateway at
// http://localhost:8080 (the origin the sign-in's redirect URI names).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ensureBrowser } from '../../../tools/provision-browser.ts';
import { repoRoot } from '../../../tools/lib/paths.ts';
import { call, users } from '../../support/api.ts';

export const site = 'http://localhost:8080';
export const reportDir = join(repoRoot, 'reports', 'web');

export const sizes = {
  desktop: { width: 1280, height: 860 },
  phone: { width: 390, height: 844 },
} as const;

export async function launch(t: ExecutionContext): Promise<Browser> {
  const provisioned = await ensureBrowser();
  const browser = await chromium.launch({
    executablePath: provisioned.executable,
    env: { ...process.env, ...provisioned.env },
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--lang=en-US'],
    headless: true,
  });
  t.teardown(() => browser.close());
  return browser;
}

export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: sizes.desktop, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

const MAX_SHOT_HEIGHT = 6_000;

/** Screenshots of what the page shows now, at desktop and phone width: reports/web/<name>-<lang>-<size>.png. */
export async function shoot(page: Page, name: string): Promise<string[]> {
  await mkdir(reportDir, { recursive: true });
  const lang = (await page.getAttribute('html', 'lang')) ?? 'en';
  const files: string[] = [];
  for (const [size, viewport] of Object.entries(sizes)) {
    await page.setViewportSize(viewport);
    const file = `${name}-${lang}-${size}.png`;
    // The whole page, up to a height Chromium can capture: a stack kept across many runs lists
    // pages upon pages of rooms, past the largest surface a screenshot can take.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({
      path: join(reportDir, file),
      fullPage: true,
      clip: { x: 0, y: 0, width: viewport.width, height: Math.min(height, MAX_SHOT_HEIGHT) },
    });
    files.push(file);
  }
  await page.setViewportSize(sizes.desktop);
  return files;
}

/** The site's own language switch (no reload: the token stays in memory). */
export async function switchLanguage(page: Page, to: 'en' | 'ko'): Promise<void> {
  if ((await page.getAttribute('html', 'lang')) === to) return;
  await page.click('[data-action="language"]');
  await page.waitForFunction((lang) => document.documentElement.lang === lang, to);
  await page.waitForSelector('body[data-ready="true"]');
}

/** Sign-in as a person does it: the site's button, auth's login page, its consent page, back on the site. */
export async function signIn(page: Page, username: string, password: string, shots?: string[]): Promise<void> {
  await page.click('[data-action="sign-in"]');
  await page.waitForSelector('#username');
  if (shots) {
    shots.push(...(await shoot(page, 'sign-in')));
    await page.click('.lang-switch');
    await page.waitForSelector('html[lang="ko"] #username');
    shots.push(...(await shoot(page, 'sign-in')));
  }
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.press('#password', 'Enter');
  // The consent page, the first time this browser signs this customer in.
  const consent = await page.waitForSelector('form[action$="/confirm"] button, [data-action="sign-out"]');
  if ((await consent.getAttribute('data-action')) !== 'sign-out') {
    if (shots) {
      shots.push(...(await shoot(page, 'consent')));
      await page.click('.lang-switch');
      await page.waitForSelector('form[action$="/confirm"] button');
      shots.push(...(await shoot(page, 'consent')));
    }
    await page.click('form[action$="/confirm"] button');
  }
  await page.waitForSelector('[data-action="sign-out"]');
}

/** A room of its own for this run, registered by the administrator through the API. */
export async function registerRoom(name: string, price: number): Promise<string> {
  const admin = await users.admin();
  const reply = await call<{ roomId: string }>('POST', '/rooms', { token: admin, body: { name, price } });
  if (reply.status !== 201) throw new Error(`room not registered: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.roomId;
}

/**
 * Whether the page's font draws Hangul: "가" drawn on a canvas in the page's
 * own font must differ from an unassigned code point, which every font draws
 * as its "missing" box. Without a Korean font both are the same box.
 */
export async function hangulRenders(
  page: Page,
): Promise<{ drawn: boolean; hangulWidth: number; missingWidth: number }> {
  // A string, not a function: the test's compiler would name the function's helpers in ways the page lacks.
  return page.evaluate(`(() => {
    const font = '32px ' + getComputedStyle(document.body).fontFamily;
    const draw = (text) => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 64;
      const g = canvas.getContext('2d');
      g.font = font;
      g.fillStyle = '#000';
      g.fillText(text, 8, 44);
      return { pixels: g.getImageData(0, 0, 64, 64).data, width: g.measureText(text).width };
    };
    const hangul = draw('\\uAC00');
    const missing = draw('\\u0378');
    const differs = hangul.pixels.some((value, i) => value !== missing.pixels[i]);
    const inked = hangul.pixels.some((value) => value !== 0);
    return { drawn: differs && inked, hangulWidth: hangul.width, missingWidth: missing.width };
  })()`);
}
