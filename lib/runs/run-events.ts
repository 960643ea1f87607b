import pg from "pg";
import { databaseUrl } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { RUN_EVENTS_CHANNEL } from "./run-store";

type Listener = () => void;

// One LISTEN connection per web process fans notifications out to every open live view. NOTIFY
// reaches all processes listening on the database, so several web replicas all see every change.
const holder = globalThis as unknown as { slipwayRunHub?: { client: Promise<pg.Client>; listeners: Map<string, Set<Listener>> } };

function hub() {
  if (!holder.slipwayRunHub) {
    const listeners = new Map<string, Set<Listener>>();
    const client = (async () => {
      const c = new pg.Client({ connectionString: databaseUrl() });
      c.on("notification", (msg) => {
        for (const fn of listeners.get(msg.payload ?? "") ?? []) fn();
      });
      c.on("error", (err) => {
        logger.warn("run event listener lost its connection; reconnecting on next subscribe", { error: err.message });
        holder.slipwayRunHub = undefined;
        // Wake everyone so they re-read state and re-subscribe on the fresh connection.
        for (const set of listeners.values()) for (const fn of set) fn();
      });
      await c.connect();
      await c.query(`listen ${RUN_EVENTS_CHANNEL}`);
      return c;
    })();
    client.catch(() => {
      holder.slipwayRunHub = undefined;
    });
    holder.slipwayRunHub = { client, listeners };
  }
  return holder.slipwayRunHub;
}

/** Calls `onChange` whenever the run changes (status, steps, logs); returns the unsubscribe. */
export async function subscribeToRun(runId: string, onChange: Listener): Promise<() => void> {
  const h = hub();
  await h.client;
  let set = h.listeners.get(runId);
  if (!set) h.listeners.set(runId, (set = new Set()));
  set.add(onChange);
  return () => {
    set.delete(onChange);
    if (set.size === 0) h.listeners.delete(runId);
  };
}
