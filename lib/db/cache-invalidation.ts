import pg from "pg";
import { databaseUrl, onDbClose } from "@/lib/db/client";
import { logger } from "@/lib/logger";

// Caches of rows that rarely change (blueprints, a token's identity) are only trusted while this
// process is LISTENing for the database's invalidations: triggers (migration 0008) send
// pg_notify('slipway_cache', '<kind>:<key>') from every writer, in every process, at commit. Without a
// live LISTEN connection nothing is cached, so a missed notification can never serve a stale row.

export const CACHE_CHANNEL = "slipway_cache";
/** Every cache drops everything (a TRUNCATE, or the listener reconnecting). */
export const EVERYTHING = "*";

type Invalidate = (payload: string) => void;
type State = { client?: pg.Client; live: boolean; connecting: boolean; retryAt: number; handlers: Set<Invalidate> };

const holder = globalThis as unknown as { slipwayCacheListener?: State };
const state = (holder.slipwayCacheListener ??= { live: false, connecting: false, retryAt: 0, handlers: new Set() });

function dropEverything(): void {
  for (const fn of state.handlers) fn(EVERYTHING);
}

function lost(client: pg.Client, why: string): void {
  if (state.client !== client) return;
  state.client = undefined;
  state.live = false;
  state.retryAt = Date.now() + 1000;
  dropEverything();
  logger.warn("cache invalidation listener lost; caching off until it is back", { error: why });
}

async function connect(): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  client.on("notification", (msg) => {
    if (msg.channel !== CACHE_CHANNEL) return;
    for (const fn of state.handlers) fn(msg.payload ?? EVERYTHING);
  });
  client.on("error", (err) => lost(client, err.message));
  client.on("end", () => lost(client, "connection ended"));
  state.client = client;
  try {
    await client.connect();
    await client.query(`listen ${CACHE_CHANNEL}`);
    // Closed (closeDb) while connecting: this connection is nobody's any more.
    if (state.client !== client) return void (await client.end());
    // Anything cached before now was read without a listener: start clean.
    dropEverything();
    state.live = true;
  } catch (e) {
    lost(client, e instanceof Error ? e.message : String(e));
    await client.end().catch(() => {});
  }
}

/**
 * Whether caches may serve and keep rows now. The first call starts the LISTEN connection (and answers
 * false until it is up); after a lost connection, a new one is tried at most once a second.
 */
export function cachingLive(): boolean {
  if (state.live) return true;
  if (!state.connecting && !state.client && Date.now() >= state.retryAt) {
    state.connecting = true;
    void connect().finally(() => (state.connecting = false));
  }
  return false;
}

/** Registers a cache's invalidation handler; it receives each payload, or EVERYTHING. */
export function onInvalidation(fn: Invalidate): void {
  state.handlers.add(fn);
}

/** Drops every cached row in this process now (a writer's own change, before its notification arrives). */
export function invalidateLocally(payload: string): void {
  for (const fn of state.handlers) fn(payload);
}

async function stopListening(): Promise<void> {
  const client = state.client;
  state.client = undefined;
  state.live = false;
  state.retryAt = 0;
  dropEverything();
  await client?.end().catch(() => {});
}

onDbClose(stopListening);
