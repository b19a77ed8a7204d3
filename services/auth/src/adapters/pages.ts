// The authorization server's pages (sign-in, consent, sign-out, errors) in the
// site's own look: the site's stylesheet from the same origin, no inline
// script or style (the gateway's Content-Security-Policy allows neither), every
// field labelled, in Korean or English as the site asked (ui_locales).

export type Language = 'en' | 'ko';

/** The language of a page: Korean when the site asked for it first, English otherwise. */
export function languageOf(uiLocales: unknown): Language {
  const first = typeof uiLocales === 'string' ? uiLocales.trim().split(/\s+/)[0] : undefined;
  return first?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

const texts = {
  en: {
    site: 'roomstay',
    signInTitle: 'Sign in',
    signInLead: 'Sign in to reserve rooms and see your my page.',
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    cancel: 'Cancel',
    wrong: 'The username or password is not right.',
    consentTitle: 'Allow roomstay?',
    consentLead: 'The roomstay site asks to act for you:',
    scopeApi: 'reserve rooms, pay, and read your my page and notices',
    scopeOpenid: 'know who you are',
    allow: 'Allow',
    signOutTitle: 'Sign out?',
    signOutLead: 'You will be signed out of roomstay.',
    signOut: 'Sign out',
    stay: 'Stay signed in',
    signedOut: 'You are signed out.',
    back: 'Back to roomstay',
    errorTitle: 'Something went wrong',
    switchTo: '한국어',
  },
  ko: {
    site: 'roomstay',
    signInTitle: '로그인',
    signInLead: '로그인하고 객실을 예약하고 마이페이지를 확인하세요.',
    username: '아이디',
    password: '비밀번호',
    signIn: '로그인',
    cancel: '취소',
    wrong: '아이디 또는 비밀번호가 올바르지 않습니다.',
    consentTitle: 'roomstay를 허용할까요?',
    consentLead: 'roomstay 사이트가 다음을 요청합니다:',
    scopeApi: '객실 예약, 결제, 마이페이지와 알림 보기',
    scopeOpenid: '본인 확인',
    allow: '허용',
    signOutTitle: '로그아웃할까요?',
    signOutLead: 'roomstay에서 로그아웃합니다.',
    signOut: '로그아웃',
    stay: '로그인 유지',
    signedOut: '로그아웃되었습니다.',
    back: 'roomstay로 돌아가기',
    errorTitle: '문제가 발생했습니다',
    switchTo: 'English',
  },
} as const;

export type Texts = (typeof texts)[Language];

export const textsOf = (language: Language): Texts => texts[language];

/** Text for HTML, attribute values included. */
export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** One page: the site's header and stylesheet, then `body` (already HTML). */
export function page(language: Language, title: string, body: string, switchHref?: string): string {
  const t = texts[language];
  const other = switchHref
    ? `<a class="lang-switch" href="${escapeHtml(switchHref)}" lang="${language === 'en' ? 'ko' : 'en'}">${t.switchTo}</a>`
    : '';
  return `<!DOCTYPE html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${t.site}</title>
<link rel="stylesheet" href="/styles.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body class="auth-page">
<header class="site-header"><a class="brand" href="/">${t.site}</a>${other}</header>
<main class="narrow">
<section class="card">
<h1>${escapeHtml(title)}</h1>
${body}
</section>
</main>
</body>
</html>`;
}

export function loginPage(options: { language: Language; uid: string; username?: string; failed?: boolean }): string {
  const { language, uid } = options;
  const t = texts[language];
  const base = `/auth/interaction/${encodeURIComponent(uid)}`;
  const error = options.failed ? `<p class="alert" role="alert" id="login-error">${t.wrong}</p>` : '';
  return page(
    language,
    t.signInTitle,
    `<p>${t.signInLead}</p>
${error}
<form method="post" action="${base}/login" class="stack" autocomplete="on">
<input type="hidden" name="lang" value="${language}">
<label for="username">${t.username}</label>
<input id="username" name="username" autocomplete="username" required maxlength="200" autofocus value="${escapeHtml(options.username ?? '')}"${options.failed ? ' aria-describedby="login-error"' : ''}>
<label for="password">${t.password}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">
<button type="submit" class="primary">${t.signIn}</button>
</form>
<form method="post" action="${base}/abort"><button type="submit" class="link">${t.cancel}</button></form>`,
    `${base}?lang=${language === 'en' ? 'ko' : 'en'}`,
  );
}

export function consentPage(options: { language: Language; uid: string; scopes: readonly string[] }): string {
  const { language, uid } = options;
  const t = texts[language];
  const base = `/auth/interaction/${encodeURIComponent(uid)}`;
  const items = options.scopes
    .map((scope) => (scope === 'api' ? t.scopeApi : scope === 'openid' ? t.scopeOpenid : scope))
    .map((text) => `<li>${escapeHtml(text)}</li>`)
    .join('');
  return page(
    language,
    t.consentTitle,
    `<p>${t.consentLead}</p>
<ul>${items}</ul>
<form method="post" action="${base}/confirm"><button type="submit" class="primary" autofocus>${t.allow}</button></form>
<form method="post" action="${base}/abort"><button type="submit" class="link">${t.cancel}</button></form>`,
    `${base}?lang=${language === 'en' ? 'ko' : 'en'}`,
  );
}

/** oidc-provider's sign-out question; `form` is its own form with the anti-forgery field. */
export function logoutPage(language: Language, form: string): string {
  const t = texts[language];
  return page(
    language,
    t.signOutTitle,
    `<p>${t.signOutLead}</p>
${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout" class="primary">${t.signOut}</button>
<button type="submit" form="op.logoutForm" class="link">${t.stay}</button>`,
  );
}

export function signedOutPage(language: Language): string {
  const t = texts[language];
  return page(language, t.signedOut, `<p><a href="/">${t.back}</a></p>`);
}

export function errorPage(language: Language, fields: Record<string, string | undefined>): string {
  const t = texts[language];
  const rows = Object.entries(fields)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('');
  return page(language, t.errorTitle, `<dl>${rows}</dl><p><a href="/">${t.back}</a></p>`);
}
