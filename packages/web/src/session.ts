// Sign-in with the authorization code flow and PKCE, as the public client
// roomstay-web, against auth's oidc-provider through the gateway (same
// origin). The verifier and state wait in sessionStorage across the one
// redirect to auth and back (they are single-use and worth nothing alone); the
// tokens live in memory only, so a reload or a closed tab forgets them and
// sign-in starts again (auth's own session makes that a redirect, not a password).
import type { Language } from './i18n.ts';

export const clientId = 'roomstay-web';
const pendingKey = 'roomstay.signin';

export interface Session {
  accessToken: string;
  idToken: string;
  customerId: string;
  name: string;
}

interface Pending {
  state: string;
  verifier: string;
  /** The page to come back to (the hash route). */
  back: string;
}

const redirectUri = (): string => `${location.origin}/`;

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

async function challengeOf(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/** Leaves for auth's sign-in page; comes back to `back` signed in. */
export async function signIn(language: Language, back: string): Promise<void> {
  const pending: Pending = { state: randomText(16), verifier: randomText(), back };
  sessionStorage.setItem(pendingKey, JSON.stringify(pending));
  const query = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri(),
    scope: 'openid api',
    code_challenge: await challengeOf(pending.verifier),
    code_challenge_method: 'S256',
    state: pending.state,
    ui_locales: language,
  });
  location.assign(`/auth/auth?${query.toString()}`);
}

function claimsOf(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

export type Return =
  { kind: 'none' } | { kind: 'signed-in'; session: Session; back: string } | { kind: 'failed'; back: string };

/**
 * The site's front page after auth sent the browser back: the code exchanged
 * for tokens with the verifier, if the state is the one this tab sent.
 */
export async function finishSignIn(): Promise<Return> {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return { kind: 'none' };
  const saved = sessionStorage.getItem(pendingKey);
  sessionStorage.removeItem(pendingKey);
  // The code and state leave the address bar (and the history) at once.
  history.replaceState(null, '', '/');
  const pending = saved ? (JSON.parse(saved) as Pending) : undefined;
  const back = pending?.back ?? '#/rooms';
  const code = params.get('code');
  if (!pending || !code || params.get('state') !== pending.state) return { kind: 'failed', back };
  const response = await fetch('/auth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      client_id: clientId,
      code_verifier: pending.verifier,
    }),
    credentials: 'omit',
  }).catch(() => undefined);
  if (!response?.ok) return { kind: 'failed', back };
  const body = (await response.json()) as { access_token?: string; id_token?: string };
  if (!body.access_token || !body.id_token) return { kind: 'failed', back };
  const claims = claimsOf(body.access_token);
  return {
    kind: 'signed-in',
    back,
    session: {
      accessToken: body.access_token,
      idToken: body.id_token,
      customerId: String(claims['sub'] ?? ''),
      name: String(claims['name'] ?? claims['sub'] ?? ''),
    },
  };
}

/** Ends auth's session too (RP-initiated logout), coming back to the front page. */
export function signOut(session: Session, language: Language): void {
  const query = new URLSearchParams({
    client_id: clientId,
    id_token_hint: session.idToken,
    post_logout_redirect_uri: redirectUri(),
    ui_locales: language,
  });
  location.assign(`/auth/session/end?${query.toString()}`);
}
