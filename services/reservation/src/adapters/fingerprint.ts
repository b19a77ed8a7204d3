import { createHash } from 'node:crypto';

/** SHA-256 of the request's JSON, base64url: what an Idempotency-Key's first use stored to compare with. */
export const sha256Fingerprint = (request: unknown): string =>
  createHash('sha256').update(JSON.stringify(request)).digest('base64url');
