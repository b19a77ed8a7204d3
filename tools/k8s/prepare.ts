// What one deployment needs beyond the committed manifests, made at deploy time
// and never committed: every Secret (each app's API and app tokens, each
// sidecar's broker and store credentials, the Redis ACL file, the PostgreSQL
// roles' passwords, auth's accounts and signing keys) and the image the build produced. They go
// to k8s/deploy/ (gitignored), a kustomize component that k8s/kustomization.yaml
// includes. Values are kept across runs (k8s/deploy/secrets.json), so applying
// again changes nothing; delete that file to make new ones.
//
//   npm run k8s:prepare -- --image registry.example/roomstay:1a2b3c4
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { postgresDatabases, signsInToPostgres } from '../stack/postgres.ts';
import { redisAcl, redisUsers } from '../stack/redis.ts';
import { kafkaPasswordRef } from './kafka-access.ts';

/** The eight apps (dapr.yaml); each has its own tokens. */
export const appIds = ['gateway', 'auth', 'room', 'reservation', 'payment', 'promotion', 'roominfo', 'notice'] as const;
/** The apps with a pub/sub scope: each is a Kafka user (components/pubsub.yaml). */
const kafkaUsers = ['room', 'reservation', 'payment', 'promotion', 'roominfo', 'notice'] as const;
/** The apps with a PostgreSQL database of their own (k8s/postgres.yaml); who signs in: tools/stack/infra.ts. */
const postgresApps = postgresDatabases;

interface DeploySecrets {
  apps: Record<string, { apiToken: string; appToken: string; kafka?: string; redis?: string; postgres?: string }>;
  redisAdmin: string;
  postgresAdmin: string;
  authAccounts: string;
  /** auth's signing keys (a JWK Set with the private key), read by every replica of auth. */
  authSigningKeys: string;
}

/** A P-256 key for ES256, as auth keeps its signing keys (services/auth/src/adapters/key-store.ts). */
function signingKeys(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return JSON.stringify({
    keys: [{ ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'ES256', use: 'sig' }],
  });
}

const secret = (): string => randomBytes(24).toString('base64url');

/** Existing values are kept; missing ones are made. */
function complete(existing: Partial<DeploySecrets>): DeploySecrets {
  const apps: DeploySecrets['apps'] = { ...existing.apps };
  for (const app of appIds) {
    const have = apps[app] ?? { apiToken: secret(), appToken: secret() };
    if ((kafkaUsers as readonly string[]).includes(app)) have.kafka ??= secret();
    if (redisUsers[app]) have.redis ??= secret();
    if ((postgresApps as readonly string[]).includes(app)) have.postgres ??= secret();
    apps[app] = have;
  }
  return {
    apps,
    redisAdmin: existing.redisAdmin ?? secret(),
    postgresAdmin: existing.postgresAdmin ?? secret(),
    // One administrator to start with; add `user:password:customer|admin` entries here.
    authAccounts: existing.authAccounts ?? `admin:${secret()}:admin`,
    authSigningKeys: existing.authSigningKeys ?? signingKeys(),
  };
}

interface SecretSpec {
  name: string;
  literals?: string[];
  files?: string[];
}

function secretSpecs(values: DeploySecrets): SecretSpec[] {
  const specs: SecretSpec[] = [];
  const app = (id: string) => {
    const found = values.apps[id];
    if (!found) throw new Error(`no secrets for ${id}`);
    return found;
  };
  for (const id of appIds) {
    const own = app(id);
    // Dapr reads the key `token` of the Secrets named by dapr.io/api-token-secret and dapr.io/app-token-secret.
    specs.push({ name: `${id}-api-token`, literals: [`token=${own.apiToken}`] });
    specs.push({ name: `${id}-app-token`, literals: [`token=${own.appToken}`] });
    // What the sidecar's components sign in with (dapr.io/env-from-secret).
    const sidecar: string[] = [];
    if (own.kafka) sidecar.push(`${kafkaPasswordRef(id).key}=${own.kafka}`);
    if (own.redis && redisUsers[id]?.client === 'sidecar') sidecar.push(`redis-password=${own.redis}`);
    if (own.postgres && signsInToPostgres(id, 'sidecar')) {
      sidecar.push(
        `postgres-connection=host=postgres.roomstay.svc.cluster.local port=5432 user=${id} password=${own.postgres} dbname=${id} sslmode=disable`,
      );
    }
    if (sidecar.length) specs.push({ name: `${id}-sidecar`, literals: sidecar });
    // What the app itself signs in with.
    const signIn: string[] = [];
    if (own.redis && redisUsers[id]?.client === 'app') signIn.push(`redis-password=${own.redis}`);
    if (own.postgres && signsInToPostgres(id, 'app')) signIn.push(`postgres-password=${own.postgres}`);
    if (signIn.length) specs.push({ name: `${id}-app`, literals: signIn });
  }
  specs.push({ name: 'auth-app', literals: [`accounts=${values.authAccounts}`] });
  specs.push({ name: 'auth-signing-keys', files: ['jwks.json'] });
  specs.push({ name: 'redis-acl', files: ['users.acl'] });
  specs.push({
    name: 'postgres-roles',
    literals: [
      `booking-password=${values.postgresAdmin}`,
      ...postgresApps.map((id) => `${id}-password=${app(id).postgres ?? ''}`),
    ],
  });
  return specs;
}

/** An image reference with a tag the build chose: not untagged, not `latest`. */
export function parseImage(reference: string): { name: string; tag: string } {
  const slash = reference.lastIndexOf('/');
  const colon = reference.lastIndexOf(':');
  if (colon <= slash || reference.includes('@')) {
    throw new Error(`image "${reference}" has no tag: give the one the build pushed, e.g. registry/roomstay:1a2b3c4`);
  }
  const name = reference.slice(0, colon);
  const tag = reference.slice(colon + 1);
  if (!tag || tag === 'latest') throw new Error(`image "${reference}": name the build's tag, not "latest"`);
  return { name, tag };
}

/** Writes <k8sDir>/deploy: the component with the Secrets and the image. Returns the folder. */
export async function prepareDeployment(k8sDir: string, image: string): Promise<string> {
  const { name, tag } = parseImage(image);
  const dir = join(k8sDir, 'deploy');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const stateFile = join(dir, 'secrets.json');
  const existing = existsSync(stateFile)
    ? (JSON.parse(await readFile(stateFile, 'utf8')) as Partial<DeploySecrets>)
    : {};
  const values = complete(existing);
  await writeFile(stateFile, `${JSON.stringify(values, null, 2)}\n`, { mode: 0o600 });
  await writeFile(join(dir, 'jwks.json'), values.authSigningKeys, { mode: 0o600 });
  await writeFile(
    join(dir, 'users.acl'),
    redisAcl(values.redisAdmin, (id) => values.apps[id]?.redis ?? ''),
    { mode: 0o600 },
  );
  const component = {
    apiVersion: 'kustomize.config.k8s.io/v1alpha1',
    kind: 'Component',
    images: [{ name: 'roomstay', newName: name, newTag: tag }],
    // Fixed names: Dapr's annotations and Strimzi's KafkaUsers name these Secrets,
    // and kustomize rewrites references to hashed names only in Kubernetes' own fields.
    generatorOptions: { disableNameSuffixHash: true },
    secretGenerator: secretSpecs(values),
  };
  const header = '# Made by `npm run k8s:prepare` (tools/k8s/prepare.ts). Secret: never commit.\n';
  await writeFile(join(dir, 'kustomization.yaml'), header + stringify(component, { lineWidth: 0 }), { mode: 0o600 });
  return dir;
}
