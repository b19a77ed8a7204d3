// The cold path of the browser's provisioning: on a minimal Debian, where none
// of the optional desktop libraries are installed, what the provisioning
// fetches and unpacks is all Chromium needs (ldd finds every library), and it
// renders a page in Korean there. A machine that happens to have the libraries
// installed cannot hide a missing one from this check.
import test from 'ava';
import { browserColdCheck } from '../../tools/browser-cold-check.ts';

test('Chromium provisioned on a minimal Debian finds every library it needs and renders Hangul', async (t) => {
  t.timeout(10 * 60_000);
  const check = await browserColdCheck();
  t.log(
    `${check.packages} packages fetched for a minimal Debian, libraries in ${check.libraryFolders} folders, Chromium ${check.version}, ${check.seconds.toFixed(0)} s`,
  );
  t.deepEqual(check.missing, [], 'no library Chromium asks for is missing');
  t.regex(check.version, /^\d+\.\d+\.\d+\.\d+$/, 'it runs');
  t.true(check.dom.includes('<h1>예약 완료: 할인쿠폰</h1>'), 'it renders the page');
  t.true(check.screenshotBytes > 2_000, `a screenshot of ${check.screenshotBytes} bytes`);
});
