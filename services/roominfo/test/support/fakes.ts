// An in-memory MyPageStore with the semantics of the Redis one: one line per
// reservation per customer, and an event id applied at most once per customer.
import type { MyPageStore } from '../../src/application/mypage.ts';
import type { Line, Patch } from '../../src/application/view.ts';

export class InMemoryMyPageStore implements MyPageStore {
  private readonly pages = new Map<string, Map<string, Line>>();
  private readonly seen = new Map<string, Set<string>>();
  /** When set, the next apply loses a race (as a failed WATCH would). */
  conflictOnce = false;

  async apply(customerId: string, eventId: string, patch: Patch, fold: (line: Line | undefined, patch: Patch) => Line) {
    const seen = this.seen.get(customerId) ?? new Set<string>();
    if (seen.has(eventId)) return 'duplicate' as const;
    if (this.conflictOnce) {
      this.conflictOnce = false;
      return 'conflict' as const;
    }
    const page = this.pages.get(customerId) ?? new Map<string, Line>();
    const current = page.get(patch.reservationId);
    page.set(
      patch.reservationId,
      JSON.parse(JSON.stringify(fold(current ? structuredClone(current) : undefined, patch))) as Line,
    );
    this.pages.set(customerId, page);
    seen.add(eventId);
    this.seen.set(customerId, seen);
    return 'applied' as const;
  }

  async lines(customerId: string): Promise<Line[]> {
    return [...(this.pages.get(customerId)?.values() ?? [])].map((line) => structuredClone(line));
  }
}
