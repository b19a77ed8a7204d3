// Reservations live in Redis while their flow runs, and move to an archive
// (PostgreSQL, the service's own) once it is over: completed, cancelled or
// expired, owing no event. Redis then holds the live business, not the
// history. Reads look in Redis first, then in the archive; a reservation in
// the archive is changed there (a completed stay cancelled).
//
// Every stored record carries a revision, one more at each write, and the
// versions handed out name the store and the revision. A move follows the
// change that ends the flow, written in Redis as any change (a lost race is
// lost there): the record is put in the archive, unless the archive holds that
// revision or a later one, then a marker ("moved") is put over it in Redis if
// Redis still holds that very revision. A marker, not a deletion, because
// Dapr's Redis store accepts a write over any version once the key is gone: a
// writer still holding an older version would bring a deleted record back.
// The marker outlasts any such writer, then expires. A move cut short, or
// whose archive write fails, leaves the record in Redis, read first and
// complete; its next change moves it.
import { ConcurrencyConflict, type Versioned, type VersionedStore } from '@roomstay/platform';
import type { ReservationRecord, ReservationRepository } from '../application/ports.ts';

export interface StoredReservation extends ReservationRecord {
  /** One more at every write; records written before revisions existed read as 0. */
  revision: number;
}

/** What stays in Redis for a while once a reservation moved to the archive. */
export interface MovedMarker {
  moved: true;
  revision: number;
}

export type LiveDocument = StoredReservation | MovedMarker;

const isMoved = (document: LiveDocument): document is MovedMarker => 'moved' in document;

/**
 * How long a marker outlives its move: longer than any change holds a version
 * before writing (a payment under way holds one for at most a minute).
 */
const MARKER_SECONDS = 600;

type Where = 'live' | 'archive';

const versionOf = (where: Where, revision: number, etag: string): string =>
  `${where === 'live' ? 'L' : 'A'}${revision}:${etag}`;

function parseVersion(version: string): { where: Where; revision: number; etag: string } {
  const match = /^([LA])(\d+):(.*)$/s.exec(version);
  // A version this repository did not hand out cannot be the current one.
  if (!match?.[3]) throw new ConcurrencyConflict(`unknown version ${version}`);
  return { where: match[1] === 'L' ? 'live' : 'archive', revision: Number(match[2]), etag: match[3] };
}

const recordOf = ({ reservation, outbox }: StoredReservation): ReservationRecord => ({ reservation, outbox });

export function archivedReservations(options: {
  live: VersionedStore<LiveDocument>;
  archive: VersionedStore<StoredReservation>;
  key: (reservationId: string) => string;
  /** Whether a record's flow is over: it leaves Redis. */
  settled: (record: ReservationRecord) => boolean;
  onMoveFailed: (reservationId: string, error: unknown) => void;
}): ReservationRepository {
  const { live, archive, key } = options;

  /** Puts the record in the archive unless the archive already holds this revision or a later one. */
  async function putInArchive(k: string, record: StoredReservation): Promise<void> {
    const held = await archive.get(k);
    if (held && held.value.revision >= record.revision) return;
    await archive.save(k, record, { etag: held?.etag ?? null });
  }

  /** Ends the Redis copy of a record just written there, once the archive holds it. */
  async function move(k: string, record: StoredReservation): Promise<void> {
    await putInArchive(k, record);
    const current = await live.get(k);
    if (!current || isMoved(current.value) || current.value.revision !== record.revision) return;
    await live.save(k, { moved: true, revision: record.revision }, { etag: current.etag }, MARKER_SECONDS);
  }

  async function getMany(ids: readonly string[]): Promise<Array<Versioned<ReservationRecord> | undefined>> {
    const keys = ids.map(key);
    const fromLive = await live.getAll(keys);
    const inLive = (i: number) => {
      const entry = fromLive[i]?.entry;
      return entry && !isMoved(entry.value) ? { value: entry.value, etag: entry.etag } : undefined;
    };
    const elsewhere = keys.filter((_, i) => !inLive(i));
    const fromArchive = new Map(
      elsewhere.length ? (await archive.getAll(elsewhere)).map(({ key: k, entry }) => [k, entry]) : [],
    );
    return keys.map((k, i) => {
      const current = inLive(i);
      if (current)
        return { value: recordOf(current.value), etag: versionOf('live', current.value.revision, current.etag) };
      const archived = fromArchive.get(k);
      return archived
        ? { value: recordOf(archived.value), etag: versionOf('archive', archived.value.revision, archived.etag) }
        : undefined;
    });
  }

  return {
    get: async (id) => (await getMany([id]))[0],
    getMany,
    create: (record) => live.save(key(record.reservation.reservationId), { ...record, revision: 1 }, { etag: null }),
    async replace(record, version) {
      const k = key(record.reservation.reservationId);
      const read = parseVersion(version);
      const next: StoredReservation = { ...record, revision: read.revision + 1 };
      if (read.where === 'archive') {
        await archive.save(k, next, { etag: read.etag });
        return;
      }
      await live.save(k, next, { etag: read.etag });
      if (options.settled(record)) {
        await move(k, next).catch((error: unknown) => options.onMoveFailed(record.reservation.reservationId, error));
      }
    },
  };
}
