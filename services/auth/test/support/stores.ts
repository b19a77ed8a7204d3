// auth's stores in memory, as one state store holds them for every replica.
import { ConcurrencyConflict } from '@roomstay/platform';
import { InMemoryDocuments } from '../../../../packages/platform/test/support/documents.ts';
import type { OidcStores, StoredGrantIndex, StoredLookup, StoredModel } from '../../src/adapters/oidc-store.ts';

export function inMemoryStores(): OidcStores & {
  models: InMemoryDocuments<StoredModel>;
  lookups: InMemoryDocuments<StoredLookup>;
  grants: InMemoryDocuments<StoredGrantIndex>;
} {
  return {
    models: new InMemoryDocuments<StoredModel>(ConcurrencyConflict),
    lookups: new InMemoryDocuments<StoredLookup>(ConcurrencyConflict),
    grants: new InMemoryDocuments<StoredGrantIndex>(ConcurrencyConflict),
  };
}
