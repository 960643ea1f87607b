import { cachingLive, EVERYTHING, onInvalidation } from "./cache-invalidation";

type Entry<V> = { value: V; at: number };

// Invalidations remembered so a read that was running when one arrived can tell whether it concerns it.
const LOG_SIZE = 256;

/**
 * A per-process cache of database reads, emptied by the invalidations cache-invalidation.ts receives.
 * It serves and keeps values only while that LISTEN is live; `ttlMs` bounds any surprise. A read that
 * an invalidation concerning it overtook is returned but not kept.
 */
export class ReadCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly log: string[] = [];
  private seen = 0;

  constructor(
    private readonly opts: {
      ttlMs: number;
      maxEntries: number;
      /** Whether a notification payload concerns this entry. */
      concerns: (payload: string, key: string, value: V) => boolean;
    },
  ) {
    onInvalidation((payload) => this.invalidate(payload));
  }

  private invalidate(payload: string): void {
    this.seen++;
    this.log.push(payload);
    if (this.log.length > LOG_SIZE) this.log.shift();
    if (payload === EVERYTHING) return this.entries.clear();
    for (const [key, entry] of this.entries)
      if (this.opts.concerns(payload, key, entry.value)) this.entries.delete(key);
  }

  /** Whether an invalidation since `since` (a count of those seen) concerns `key` and `value`. */
  private overtaken(since: number, key: string, value: V): boolean {
    const missed = this.seen - since;
    if (missed === 0) return false;
    if (missed > this.log.length) return true;
    return this.log.slice(-missed).some((payload) => payload === EVERYTHING || this.opts.concerns(payload, key, value));
  }

  /** The cached value of `key` while fresh, else `load()`'s (kept unless null). */
  async get(key: string, load: () => Promise<V | null>, stillValid?: (value: V) => boolean): Promise<V | null> {
    if (!cachingLive()) return load();
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < this.opts.ttlMs && (!stillValid || stillValid(hit.value))) return hit.value;
    if (hit) this.entries.delete(key);
    const since = this.seen;
    const value = await load();
    if (value !== null && cachingLive() && !this.overtaken(since, key, value)) {
      if (this.entries.size >= this.opts.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { value, at: Date.now() });
    }
    return value;
  }
}
