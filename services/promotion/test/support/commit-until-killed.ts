// Run as a child process by the SIGKILL test: opens the store at argv[2] with
// snapshots made frequent, commits grants four at a time (so group commits
// form) while a relay-like loop forgets published events, and prints each
// payment id on its own line once its commit has been answered. Writes to a
// pipe are synchronous on Linux, so a printed id has left the process before
// the next commit starts.
import { SqlJsPromotionStore } from '../../src/adapters/sqljs-store.ts';
import { granted, savedEvent } from './sqljs.ts';

const [, , file, prefix] = process.argv;
if (!file || !prefix) throw new Error('usage: commit-until-killed.ts <file> <payment prefix>');

const store = await SqlJsPromotionStore.open(file, { snapshotMinBytes: 16 * 1024, snapshotRatio: 0.1 });
process.stdout.write('ready\n');

let next = 0;
async function commit(): Promise<never> {
  for (;;) {
    const n = ++next;
    const promotion = { ...granted(n), paymentId: `${prefix}-${n}`, couponId: `CPN-${prefix}-${n}` };
    await store.transact((tx) => {
      tx.put(promotion);
      tx.enqueue({ ...savedEvent(promotion), id: `${promotion.paymentId}.PromotionSaved` });
    });
    process.stdout.write(`${promotion.paymentId}\n`);
  }
}

async function relay(): Promise<never> {
  for (;;) {
    const entries = await store.unpublished(50);
    if (entries.length > 0) await store.markPublished(entries.map((entry) => entry.seq));
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

await Promise.all([commit(), commit(), commit(), commit(), relay()]);
