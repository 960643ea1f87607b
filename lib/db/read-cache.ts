import { cachingLive, EVERYTHING, onInvalidation } from "./cache-invalidation";

type Entry<V> = { value: V; at: number };

/**
 * A per-process cache of database reads, emptied by the invalidations cache-invalidation.ts receives.
 * It serves and keeps values only while that LISTEN is live; `ttlMs` bounds any surprise. A read that
 * raced an invalidation is returned but not kept (the generation moved on while it ran).
 */
export class ReadCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private generation = 0;

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
    this.generation++;
    if (payload === EVERYTHING) return this.entries.clear();
    for (const [key, entry] of this.entries)
      if (this.opts.concerns(payload, key, entry.value)) this.entries.delete(key);
  }

  /** The cached value of `key` while fresh, else `load()`'s (kept unless null). */
  async get(key: string, load: () => Promise<V | null>, stillValid?: (value: V) => boolean): Promise<V | null> {
    if (!cachingLive()) return load();
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < this.opts.ttlMs && (!stillValid || stillValid(hit.value))) return hit.value;
    if (hit) this.entries.delete(key);
    const generation = this.generation;
    const value = await load();
    if (value !== null && generation === this.generation && cachingLive()) {
      if (this.entries.size >= this.opts.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { value, at: Date.now() });
    }
    return value;
  }
}
