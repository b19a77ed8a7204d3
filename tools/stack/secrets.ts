// Every secret of the local stack, generated at the first start under
// .data/secrets/ (files 0600, never committed, never logged) and kept across
// starts. `npm run secrets:rotate` deletes the per-app ones; the next start
// generates new ones and applies them to Kafka, Redis and PostgreSQL.
//
// - admin.json: the operator's credentials for Kafka, Redis and PostgreSQL (the
//   launcher and the tests' observers use them; no app has them).
// - apps.json: per app, its sidecar API token (DAPR_API_TOKEN), its app token
//   (APP_API_TOKEN, which its sidecar presents to it) and its own credentials
//   for the broker and the store it uses.
// - sentry/: the key that signs each sidecar's request for a certificate to
//   Sentry (the JWKS validator), its public JWKS, and one token per app.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { dataDir } from '../lib/paths.ts';

export const secretsDir = join(dataDir, 'secrets');
const adminFile = join(secretsDir, 'admin.json');
const appsFile = join(secretsDir, 'apps.json');
export const sentrySecretsDir = join(secretsDir, 'sentry');
export const sentryJwksFile = join(sentrySecretsDir, 'jwks.json');
const sentryKeyFile = join(sentrySecretsDir, 'signing-key.json');
export const sentryTokenFile = (appId: string): string => join(sentrySecretsDir, `${appId}.jwt`);

export interface AdminSecrets {
  kafka: string;
  redis: string;
  postgres: string;
}

export interface AppSecrets {
  /** Required by the app's sidecar on its HTTP and gRPC APIs. */
  daprApiToken: string;
  /** Sent by the app's sidecar to the app on every call; the app refuses callers without it. */
  appApiToken: string;
  /** SCRAM-SHA-512 password of Kafka user `<appId>`. */
  kafka: string;
  /** Password of Redis ACL user `<appId>`. */
  redis: string;
  /** Password of PostgreSQL role `<appId>`. */
  postgres: string;
}

export type AppSecretsById = Record<string, AppSecrets>;

const secret = (): string => randomBytes(24).toString('base64url');

async function readJson<T>(file: string): Promise<T | undefined> {
  if (!existsSync(file)) return undefined;
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

async function writeSecret(file: string, content: string): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true, mode: 0o700 });
  await writeFile(file, content, { mode: 0o600 });
}

/** The operator's credentials; a PostgreSQL password from before this file existed is kept. */
export async function adminSecrets(): Promise<AdminSecrets> {
  const existing = await readJson<AdminSecrets>(adminFile);
  if (existing) return existing;
  const legacyPostgres = join(dataDir, 'postgres-password');
  const postgres = existsSync(legacyPostgres) ? (await readFile(legacyPostgres, 'utf8')).trim() : secret();
  const created: AdminSecrets = { kafka: secret(), redis: secret(), postgres };
  await writeSecret(adminFile, `${JSON.stringify(created, null, 2)}\n`);
  await rm(legacyPostgres, { force: true });
  return created;
}

/** Per-app secrets for every app id given; missing apps get new ones. */
export async function appSecrets(appIds: readonly string[]): Promise<AppSecretsById> {
  const existing = (await readJson<AppSecretsById>(appsFile)) ?? {};
  let changed = false;
  for (const appId of appIds) {
    if (existing[appId]) continue;
    existing[appId] = {
      daprApiToken: secret(),
      appApiToken: secret(),
      kafka: secret(),
      redis: secret(),
      postgres: secret(),
    };
    changed = true;
  }
  if (changed) await writeSecret(appsFile, `${JSON.stringify(existing, null, 2)}\n`);
  return existing;
}

/** Deletes the per-app secrets and Sentry's signing key; the next start makes new ones. */
export async function rotateAppSecrets(): Promise<void> {
  await rm(appsFile, { force: true });
  await rm(sentrySecretsDir, { recursive: true, force: true });
}

/**
 * What Sentry's JWKS validator needs: a signing key (kept), its public JWKS,
 * and per app a token whose subject is that app's SPIFFE ID and whose
 * audience is Sentry's. Without its token a process cannot get a certificate
 * in an app's name, so it cannot call any sidecar over mTLS as that app.
 */
export async function sentryTokens(
  appIds: readonly string[],
  identity: { trustDomain: string; namespace: string; sentryId: string },
): Promise<void> {
  let privateJwk = await readJson<JWK>(sentryKeyFile);
  if (!privateJwk) {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), kid: randomBytes(8).toString('hex'), alg: 'ES256' };
    await writeSecret(sentryKeyFile, JSON.stringify(privateJwk));
  }
  const { d: _private, ...publicJwk } = privateJwk;
  await writeSecret(sentryJwksFile, JSON.stringify({ keys: [{ ...publicJwk, use: 'sig' }] }));
  const key = await importJWK(privateJwk, 'ES256');
  for (const appId of appIds) {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid ?? '' })
      .setSubject(`spiffe://${identity.trustDomain}/ns/${identity.namespace}/${appId}`)
      .setAudience(identity.sentryId)
      .setIssuedAt()
      // Sidecars ask again when their certificate nears expiry; a week covers any local run.
      .setExpirationTime('7d')
      .sign(key);
    await writeSecret(sentryTokenFile(appId), token);
  }
}

/** One app's secrets; an app the launcher has none for is a mistake in the layout. */
export function appSecretsOf(apps: AppSecretsById, appId: string): AppSecrets {
  const secrets = apps[appId];
  if (!secrets) throw new Error(`no secrets for app ${appId}`);
  return secrets;
}
