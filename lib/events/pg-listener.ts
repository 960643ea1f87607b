import pg from "pg";
import { databaseUrl } from "@/lib/db/client";
import { logger } from "@/lib/logger";

type Listener = () => void;
type Hub = { client: Promise<pg.Client>; listeners: Map<string, Set<Listener>>; channels: Set<string> };

// One LISTEN connection per process fans notifications out to every open live view. NOTIFY reaches
// every process listening on the database, so several web replicas all see every change.
const holder = globalThis as unknown as { slipwayPgHub?: Hub };

const keyOf = (channel: string, payload: string) => `${channel}\u0000${payload}`;

function hub(): Hub {
  if (!holder.slipwayPgHub) {
    const listeners = new Map<string, Set<Listener>>();
    const channels = new Set<string>();
    const client = (async () => {
      const c = new pg.Client({ connectionString: databaseUrl() });
      c.on("notification", (msg) => {
        for (const fn of listeners.get(keyOf(msg.channel, msg.payload ?? "")) ?? []) fn();
      });
      c.on("error", (err) => {
        logger.warn("event listener lost its connection; reconnecting on next subscribe", { error: err.message });
        holder.slipwayPgHub = undefined;
        // Wake everyone so they re-read state and re-subscribe on a fresh connection.
        for (const set of listeners.values()) for (const fn of set) fn();
      });
      await c.connect();
      return c;
    })();
    client.catch(() => {
      holder.slipwayPgHub = undefined;
    });
    holder.slipwayPgHub = { client, listeners, channels };
  }
  return holder.slipwayPgHub;
}

/** Calls `onChange` whenever `pg_notify(channel, payload)` fires; returns the unsubscribe. */
export async function subscribe(channel: string, payload: string, onChange: Listener): Promise<() => void> {
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  const h = hub();
  const client = await h.client;
  if (!h.channels.has(channel)) {
    h.channels.add(channel);
    await client.query(`listen ${channel}`);
  }
  const key = keyOf(channel, payload);
  let set = h.listeners.get(key);
  if (!set) h.listeners.set(key, (set = new Set()));
  set.add(onChange);
  return () => {
    set.delete(onChange);
    if (set.size === 0) h.listeners.delete(key);
  };
}
