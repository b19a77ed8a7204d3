// The promotion store's journal: what each committed transaction changed, one
// record per transaction, appended to segment files and replayed on open over
// the last snapshot.
//
// A record on disk is a 12-byte header and a payload:
//   magic "RSJ1" | payload length (u32 LE) | CRC-32 of the payload (u32 LE) | payload
// The payload is UTF-8 JSON: { seq, changes }. `seq` numbers transactions in
// commit order without gaps; the snapshot stores the last seq it holds, so
// replay applies exactly the records after it. A change is the row as the
// transaction left it (an after-image), not the statement that produced it,
// so replay does not depend on the business SQL of the day.
//
// A crash can tear only the record being appended, the last one: a record
// whose magic, length or checksum does not hold ends the segment, and what
// follows it is dropped (it was never acknowledged, since a commit answers only
// after its record is fsynced).
import { crc32 } from 'node:zlib';
import { z } from 'zod';

const MAGIC = 0x314a5352; // "RSJ1" read as a little-endian u32
export const HEADER_BYTES = 12;

const promotionImage = z.strictObject({
  couponId: z.string(),
  paymentId: z.string(),
  reservationId: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  paymentPrice: z.number(),
  paymentStatus: z.literal('Y'),
  service: z.enum(['DISCOUNT COUPON', 'BEVERAGE']).nullable(),
  point: z.number(),
  status: z.enum(['granted', 'revoked']),
  grantedAt: z.string(),
  revokedAt: z.string().nullable(),
});

const change = z.discriminatedUnion('kind', [
  /** The promotion row as the transaction left it. */
  z.strictObject({ kind: z.literal('promotion'), promotion: promotionImage }),
  /** An outbox row inserted, with the seq the outbox gave it. */
  z.strictObject({
    kind: z.literal('event'),
    seq: z.number().int().positive(),
    eventId: z.string(),
    topic: z.string(),
    event: z.string(),
  }),
  /** Outbox rows deleted once published. */
  z.strictObject({ kind: z.literal('published'), seqs: z.array(z.number().int().positive()) }),
]);

const entry = z.strictObject({
  seq: z.number().int().positive(),
  changes: z.array(change),
});

export type Change = z.infer<typeof change>;
export type JournalEntry = z.infer<typeof entry>;

/** Frames one entry as a record ready to append. */
export function encodeRecord(value: JournalEntry): Buffer {
  const payload = Buffer.from(JSON.stringify(value), 'utf8');
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(payload.length, 4);
  header.writeUInt32LE(crc32(payload), 8);
  return Buffer.concat([header, payload], HEADER_BYTES + payload.length);
}

/** The record at `offset`, if a whole, intact one starts there. */
function recordAt(bytes: Uint8Array, offset: number): Uint8Array | undefined {
  if (offset + HEADER_BYTES > bytes.length) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, HEADER_BYTES);
  if (view.getUint32(0, true) !== MAGIC) return undefined;
  const length = view.getUint32(4, true);
  const end = offset + HEADER_BYTES + length;
  if (end > bytes.length) return undefined;
  const payload = bytes.subarray(offset + HEADER_BYTES, end);
  return crc32(payload) === view.getUint32(8, true) ? payload : undefined;
}

export interface SegmentScan {
  /** Payloads of the intact records, in file order. */
  payloads: Uint8Array[];
  /** Bytes up to the end of the last intact record; anything after them is a torn append. */
  validBytes: number;
}

/**
 * Reads a segment's intact records, stopping at the first that does not hold.
 * An intact record right after a broken one cannot come from a torn append
 * (nothing is appended after a torn record: it is cut off first), so it means
 * the file was damaged in the middle, and that is refused rather than dropped.
 */
export function scanSegment(bytes: Uint8Array, name: string): SegmentScan {
  const payloads: Uint8Array[] = [];
  let offset = 0;
  for (;;) {
    const payload = recordAt(bytes, offset);
    if (!payload) break;
    payloads.push(payload);
    offset += HEADER_BYTES + payload.length;
  }
  if (offset < bytes.length && bytes.length - offset >= HEADER_BYTES) {
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset, HEADER_BYTES);
    const next = offset + HEADER_BYTES + view.getUint32(4, true);
    if (view.getUint32(0, true) === MAGIC && recordAt(bytes, next)) {
      throw new Error(`${name}: the record at byte ${offset} is damaged and intact records follow it`);
    }
  }
  return { payloads, validBytes: offset };
}

/** Parses a record's payload; a payload that passed its checksum but does not parse is refused. */
export function decodeRecord(payload: Uint8Array, name: string): JournalEntry {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.length).toString('utf8'));
  } catch (error) {
    throw new Error(`${name}: a record is not JSON`, { cause: error });
  }
  const result = entry.safeParse(json);
  if (!result.success) throw new Error(`${name}: a record is not a journal entry: ${result.error.message}`);
  return result.data;
}
