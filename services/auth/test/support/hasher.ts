import type { PasswordHasher } from '../../src/application/accounts.ts';

/**
 * A reversible stand-in for scrypt (the real one costs ~100 ms a hash), that
 * remembers every hash it was asked to verify against.
 */
export class RecordingHasher implements PasswordHasher {
  readonly verified: string[] = [];
  async hash(password: string): Promise<string> {
    return `hashed:${password}`;
  }
  async verify(password: string, hash: string): Promise<boolean> {
    this.verified.push(hash);
    return hash === `hashed:${password}`;
  }
}
