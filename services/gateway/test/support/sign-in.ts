import type { FakeUpstream } from './fakes.ts';

/** A password grant, as a command-line client sends it, from an address (X-Forwarded-For, behind the ingress). */
export const signIn = (username: string, password: string, from = '198.51.100.1') => ({
  raw: new URLSearchParams({ grant_type: 'password', client_id: 'roomstay-cli', username, password }).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from },
});

/** The authorization server: the password "right" signs in, any other is refused. */
export function wrongPasswordsFail(upstream: FakeUpstream): void {
  upstream.answer = (call) =>
    String(call.body).includes('password=right')
      ? { ok: true, body: { access_token: 'a.b.c' } }
      : { ok: false, status: 400, body: { error: 'invalid_grant' } };
}
