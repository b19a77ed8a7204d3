// oidc-provider's storage (sessions, interactions, grants, codes, refresh
// tokens) on a keyed document store, so that a sign-in outlives a restart of
// auth and every replica of auth sees every session. The provider's models
// are stored as "<Model>:<id>" with the store's time to live; the lookups it
// needs besides the id are index documents: "uid:<uid>" and "userCode:<code>"
// name the document, and "grant:<grantId>" lists every document of a grant,
// so that revoking a grant (a sign-out) destroys all of them.
import { z } from 'zod';
import { withOptimisticConcurrency, type VersionedStore } from '@roomstay/platform';
import type { Adapter, AdapterPayload } from 'oidc-provider';

export const StoredModel = z.object({
  payload: z.record(z.string(), z.unknown()),
  /** Milliseconds since the epoch; the store forgets the document then too. */
  expiresAt: z.number(),
});
export type StoredModel = z.infer<typeof StoredModel>;

export const StoredLookup = z.object({ key: z.string(), expiresAt: z.number() });
export type StoredLookup = z.infer<typeof StoredLookup>;

export const StoredGrantIndex = z.object({ keys: z.array(z.string()), expiresAt: z.number() });
export type StoredGrantIndex = z.infer<typeof StoredGrantIndex>;

export interface OidcStores {
  models: VersionedStore<StoredModel>;
  lookups: VersionedStore<StoredLookup>;
  grants: VersionedStore<StoredGrantIndex>;
}

/**
 * What oidc-provider generates as ids, codes and uids; anything else a client
 * sends is no key of this store (and never reaches it: a key with "||" or of
 * any length would be the store's error, not "not found").
 */
const storable = /^[\w-]{1,256}$/;

/** For a model the provider gives no lifetime (none of the ones this server uses): two weeks, its longest. */
const DEFAULT_LIFETIME_SECONDS = 14 * 24 * 3600;

const secondsUntil = (expiresAt: number, now: number) => Math.max(1, Math.ceil((expiresAt - now) / 1000));

/** oidc-provider's `adapter` option: one adapter per model name, over the same stores. */
export function storedAdapters(stores: OidcStores, now: () => number = Date.now): (model: string) => Adapter {
  return (model) => {
    const keyOf = (id: string) => `${model}:${id}`;

    const live = async (key: string) => {
      const found = await stores.models.get(key);
      return found && found.value.expiresAt > now() ? found : undefined;
    };

    const index = async (kind: 'uid' | 'userCode', value: string, key: string, expiresAt: number) => {
      if (!storable.test(value)) return;
      await stores.lookups.save(`${kind}:${value}`, { key, expiresAt }, undefined, secondsUntil(expiresAt, now()));
    };

    const byLookup = async (kind: 'uid' | 'userCode', value: string): Promise<AdapterPayload | undefined> => {
      if (!storable.test(value)) return undefined;
      const found = await stores.lookups.get(`${kind}:${value}`);
      return found && found.value.expiresAt > now() ? (await live(found.value.key))?.value.payload : undefined;
    };

    /** Adds a document to its grant's list, which lives as long as its longest-lived member. */
    const addToGrant = async (grantId: string, key: string, expiresAt: number) => {
      const indexKey = `grant:${grantId}`;
      await withOptimisticConcurrency(10, async () => {
        const found = await stores.grants.get(indexKey);
        const current = found && found.value.expiresAt > now() ? found.value : { keys: [], expiresAt: 0 };
        if (current.keys.includes(key) && current.expiresAt >= expiresAt) return;
        const next = {
          keys: current.keys.includes(key) ? current.keys : [...current.keys, key],
          expiresAt: Math.max(current.expiresAt, expiresAt),
        };
        await stores.grants.save(indexKey, next, { etag: found?.etag ?? null }, secondsUntil(next.expiresAt, now()));
      });
    };

    return {
      async upsert(id, payload, expiresIn = DEFAULT_LIFETIME_SECONDS) {
        if (!storable.test(id)) throw new TypeError(`${model} id is not storable`);
        const key = keyOf(id);
        const expiresAt = now() + expiresIn * 1000;
        await stores.models.save(key, { payload: { ...payload }, expiresAt }, undefined, expiresIn);
        const { grantId, uid, userCode } = payload;
        await Promise.all([
          typeof grantId === 'string' && storable.test(grantId) ? addToGrant(grantId, key, expiresAt) : undefined,
          typeof uid === 'string' ? index('uid', uid, key, expiresAt) : undefined,
          typeof userCode === 'string' ? index('userCode', userCode, key, expiresAt) : undefined,
        ]);
      },

      async find(id) {
        if (!storable.test(id)) return undefined;
        return (await live(keyOf(id)))?.value.payload;
      },

      async findByUid(uid) {
        return byLookup('uid', uid);
      },

      async findByUserCode(userCode) {
        return byLookup('userCode', userCode);
      },

      async consume(id) {
        if (!storable.test(id)) return;
        const key = keyOf(id);
        // Marked once: of two replicas consuming the same code, the second
        // write loses its race and reads the mark the first one left.
        await withOptimisticConcurrency(10, async () => {
          const found = await live(key);
          if (!found || found.value.payload['consumed'] !== undefined) return;
          const value = { ...found.value, payload: { ...found.value.payload, consumed: Math.floor(now() / 1000) } };
          await stores.models.save(key, value, { etag: found.etag }, secondsUntil(value.expiresAt, now()));
        });
      },

      async destroy(id) {
        if (!storable.test(id)) return;
        await stores.models.delete(keyOf(id));
      },

      async revokeByGrantId(grantId) {
        if (!storable.test(grantId)) return;
        const indexKey = `grant:${grantId}`;
        const found = await stores.grants.get(indexKey);
        if (!found) return;
        // Only this model's documents: the provider revokes a grant model by model.
        const mine = found.value.keys.filter((key) => key.startsWith(`${model}:`));
        await Promise.all(mine.map((key) => stores.models.delete(key)));
      },
    };
  };
}
