// auth's own store: its signing keys, generated on first start and kept in a
// file only this app reads (AUTH_DATA_DIR), so tokens outlive restarts.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PrivateJwk {
  kty: string;
  kid: string;
  alg: string;
  use: string;
  [member: string]: unknown;
}

export async function loadOrCreateSigningKeys(dir: string): Promise<{ keys: PrivateJwk[] }> {
  const file = join(dir, 'jwks.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as { keys: PrivateJwk[] };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'ES256', use: 'sig' } as PrivateJwk;
  const jwks = { keys: [jwk] };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(`${file}.partial`, JSON.stringify(jwks), { mode: 0o600 });
  await rename(`${file}.partial`, file);
  return jwks;
}
