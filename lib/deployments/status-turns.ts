import { unavailable } from "@/lib/errors";

// Deliveries for one deployment take turns here, in this process, before they take a pool connection:
// otherwise fifty deliveries for one deployment would each hold a connection while waiting on the
// deployment's advisory lock, and the whole pool would sit waiting on one lock. The advisory lock
// still orders writers across processes.

const tails = new Map<string, Promise<void>>();

/**
 * Runs `work` once every earlier call for `key` in this process has finished. Waiting longer than
 * `limitMs` for the turn answers "unavailable" (503, the sender retries) instead of queueing without end.
 */
export async function inTurn<T>(key: string, limitMs: number, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release = () => {};
  const mine = new Promise<void>((resolve) => (release = resolve));
  // The next caller waits for the one before this one too, even if this one gives up waiting.
  const tail = previous.then(() => mine);
  tails.set(key, tail);
  let timer: NodeJS.Timeout | undefined;
  try {
    const turn = await Promise.race([
      previous.then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), limitMs))),
    ]);
    if (!turn) throw unavailable(`Too many status events for ${key} at once; try again shortly`);
    return await work();
  } finally {
    clearTimeout(timer);
    release();
    // Forget the key only once everything queued before is done too (a caller that gave up is not).
    void tail.then(() => tails.get(key) === tail && tails.delete(key));
  }
}
