import type { AppEvent, AppStatus, WatchOptions } from "@/lib/cluster/cluster-port";
import { sleep } from "@/lib/sleep";
import { toAppStatus } from "./app-status";
import type { StateStore } from "./state-store";

/** Reading one state store (Applications, or Flux deliveries) as the port's AppStatus, watch included. */
export function createStoreView(store: StateStore, pollMs: number) {
  async function get(name: string): Promise<AppStatus | null> {
    const app = await store.readApplication(name);
    return app ? toAppStatus(app, await store.readStatus(name)) : null;
  }

  async function list(): Promise<AppStatus[]> {
    const apps = await Promise.all((await store.listApplicationNames()).map(get));
    return apps.filter((a): a is AppStatus => a !== null);
  }

  async function watch(onEvent: (e: AppEvent) => void, opts?: WatchOptions): Promise<void> {
    const signal = opts?.signal;
    const known = new Map<string, AppStatus>();
    // Polling the files is the sandbox's watch: nothing to reconnect, and every poll is a full relist.
    while (!signal?.aborted) {
      // A failed read (say, a file being replaced on a slow disk) is retried on the next poll.
      const listed = await list().catch(() => null);
      if (listed && !signal?.aborted) diffApplications(known, listed, onEvent);
      await sleep(pollMs, signal);
    }
  }

  return { get, list, watch };
}

/** Emits what changed since the last poll and updates `known` to the listed state. */
function diffApplications(known: Map<string, AppStatus>, listed: AppStatus[], onEvent: (e: AppEvent) => void): void {
  const seen = new Set<string>();
  for (const app of listed) {
    seen.add(app.name);
    const before = known.get(app.name);
    if (before && before.resourceVersion === app.resourceVersion) continue;
    known.set(app.name, app);
    onEvent({ type: before ? "MODIFIED" : "ADDED", app });
  }
  for (const [name, app] of known) {
    if (seen.has(name)) continue;
    known.delete(name);
    onEvent({ type: "DELETED", app });
  }
}
