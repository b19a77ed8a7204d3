// A browser's sign-in without a browser: the authorization code flow with
// PKCE, redirect by redirect, with a cookie jar, as the site's client does it.
// Used against auth alone and through the gateway.
import { createHash, randomBytes } from 'node:crypto';
import { webClientId } from '@roomstay/contracts';

export interface Hop {
  method: string;
  path: string;
  status: number;
  location?: string;
  type: string;
  html?: string;
  /** A JSON answer, parsed. */
  body?: unknown;
  headers: Headers;
}

/** Cookies by name, each with its path, as a browser keeps them for one origin. */
export class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  take(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) ?? '/';
      const expired = attributes.some((a) => /^expires=Thu, 01 Jan 1970/i.test(a) || /^max-age=0$/i.test(a));
      if (expired) this.cookies.delete(`${name};${path}`);
      else this.cookies.set(`${name};${path}`, { value, path });
    }
  }

  headerFor(path: string): string {
    return [...this.cookies.entries()]
      .filter(([, c]) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([key, c]) => `${key.slice(0, key.indexOf(';'))}=${c.value}`)
      .join('; ');
  }

  names(): string[] {
    return [...this.cookies.keys()].map((key) => key.slice(0, key.indexOf(';')));
  }
}

export interface Browser {
  /** One request, redirects not followed. */
  go(method: string, path: string, form?: Record<string, string>): Promise<Hop>;
  /** Follows redirects on the public origin until a page or the site's redirect URI. */
  follow(hop: Hop): Promise<Hop>;
  jar: CookieJar;
  hops: Hop[];
}

/**
 * `base` is where requests go (several: each request to the next, as a load
 * balancer sends them); `publicOrigin` is the origin the server names in its
 * absolute redirects (the issuer's), mapped back onto `base`. `jar`: the
 * cookies of a browser that was here before.
 */
export function browser(
  base: string | readonly string[],
  publicOrigin: string,
  headers: Record<string, string> = {},
  jar = new CookieJar(),
): Browser {
  const bases = typeof base === 'string' ? [base] : base;
  const hops: Hop[] = [];
  const go = async (method: string, path: string, form?: Record<string, string>): Promise<Hop> => {
    const cookie = jar.headerFor(path.split('?')[0] ?? path);
    const response = await fetch(`${bases[hops.length % bases.length] ?? ''}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...headers,
        ...(cookie ? { cookie } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    jar.take(response.headers);
    const type = response.headers.get('content-type') ?? '';
    const text = await response.text();
    const location = response.headers.get('location') ?? undefined;
    const hop: Hop = {
      method,
      path,
      status: response.status,
      type,
      headers: response.headers,
      ...(location ? { location } : {}),
      ...(type.includes('html') ? { html: text } : {}),
      ...(type.includes('json') ? { body: JSON.parse(text) as unknown } : {}),
    };
    hops.push(hop);
    return hop;
  };
  const follow = async (first: Hop): Promise<Hop> => {
    let hop = first;
    for (let i = 0; i < 10 && hop.location; i++) {
      const url = new URL(hop.location, publicOrigin);
      if (url.origin !== publicOrigin) throw new Error(`redirected off the site: ${hop.location}`);
      if (!url.pathname.startsWith('/auth/')) return hop;
      hop = await go('GET', `${url.pathname}${url.search}`);
    }
    return hop;
  };
  return { go, follow, jar, hops };
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The uid in a page's form action, /auth/interaction/<uid>/<step>. */
export function formUid(html: string | undefined, step: string): string {
  const uid = new RegExp(`action="/auth/interaction/([A-Za-z0-9_-]+)/${step}"`).exec(html ?? '')?.[1];
  if (!uid) throw new Error(`no ${step} form on the page`);
  return uid;
}

export interface SignedIn {
  accessToken: string;
  idToken: string;
  browser: Browser;
}

/** Signs in as a person would: authorize, the login page, the consent page, back to the site, code for tokens. */
export async function signInWithCode(
  b: Browser,
  publicOrigin: string,
  account: { username: string; password: string },
  options: { uiLocales?: string } = {},
): Promise<SignedIn> {
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(8).toString('hex');
  const redirectUri = `${publicOrigin}/`;
  const query = new URLSearchParams({
    client_id: webClientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid api',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
    ...(options.uiLocales ? { ui_locales: options.uiLocales } : {}),
  });
  const login = await b.follow(await b.go('GET', `/auth/auth?${query.toString()}`));
  if (login.status !== 200) throw new Error(`no login page: ${login.status} ${login.html ?? ''}`);
  const afterLogin = await b.follow(
    await b.go('POST', `/auth/interaction/${formUid(login.html, 'login')}/login`, account),
  );
  let back = afterLogin;
  if (afterLogin.status === 200 && afterLogin.html?.includes('/confirm"')) {
    back = await b.follow(await b.go('POST', `/auth/interaction/${formUid(afterLogin.html, 'confirm')}/confirm`, {}));
  }
  if (!back.location?.startsWith(redirectUri)) throw new Error(`not back on the site: ${back.status} ${back.location}`);
  const returned = new URL(back.location);
  if (returned.searchParams.get('state') !== state) throw new Error('the state came back changed');
  const code = returned.searchParams.get('code');
  if (!code) throw new Error(`no code: ${returned.search}`);
  const token = await b.go('POST', '/auth/token', {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    client_id: webClientId,
    code_verifier: verifier,
  });
  const body = token.body as { access_token?: string; id_token?: string } | undefined;
  if (token.status !== 200 || !body?.access_token || !body.id_token) {
    throw new Error(`token exchange failed: ${token.status} ${JSON.stringify(token.body)}`);
  }
  return { accessToken: body.access_token, idToken: body.id_token, browser: b };
}

/**
 * The authorization endpoint asked again, as the site asks it, redirects
 * followed: a browser still signed in comes back to the site with a code at
 * once; one that is not gets the login page.
 */
export async function authorizeAgain(b: Browser, publicOrigin: string): Promise<Hop> {
  const { challenge } = pkcePair();
  const query = new URLSearchParams({
    client_id: webClientId,
    response_type: 'code',
    redirect_uri: `${publicOrigin}/`,
    scope: 'openid api',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return b.follow(await b.go('GET', `/auth/auth?${query.toString()}`));
}

/** The claims of a JWT, unverified (the test checks what was issued, not who signed it). */
export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}
