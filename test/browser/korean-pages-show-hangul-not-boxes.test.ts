// Without a Korean font Chromium draws Hangul as empty boxes. The provisioned
// browser has only the fonts unpacked with it (tools/provision-browser.ts), so
// this holds because the test setup brought Nanum, not by luck of the machine.
import test from 'ava';
import { hangulRenders, launch, newPage, site, switchLanguage } from './support/browser.ts';

test("the site and auth's sign-in page in Korean draw Hangul glyphs, not the missing-glyph box", async (t) => {
  const browser = await launch(t);
  const { page } = await newPage(browser);
  await page.goto(`${site}/#/rooms`);
  await page.waitForSelector('body[data-ready="true"]');
  await switchLanguage(page, 'ko');
  t.regex((await page.textContent('h1')) ?? '', /객실/);
  const onSite = await hangulRenders(page);
  t.true(onSite.drawn, JSON.stringify(onSite));

  await page.click('[data-action="sign-in"]');
  await page.waitForSelector('html[lang="ko"] #username');
  t.is((await page.textContent('label[for="username"]'))?.trim(), '아이디');
  const onSignIn = await hangulRenders(page);
  t.true(onSignIn.drawn, JSON.stringify(onSignIn));
});
