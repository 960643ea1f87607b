// The worker's heartbeat, in a worker_thread with its own database connection: a step that keeps
// the main event loop busy (CPU-bound rendering, a synchronous git call) or a pool with every
// connection taken does not stop it, so only a stalled or dead process looks dead. Plain JavaScript
// because a thread gets no TypeScript loader from vitest. Messages from the main thread:
// { type: "hold" | "release", runId, token, workerId }; to it: { type: "lost", runId, token } when
// the run row no longer carries this claim (another worker took it after a stall, or it ended).
import { parentPort, workerData } from "node:worker_threads";
import pg from "pg";

/** @type {Map<string, { runId: string, token: number, workerId: string }>} */
const held = new Map();
/** @type {pg.Client | null} */
let client = null;

parentPort.on("message", (m) => {
  const key = `${m.runId}:${m.token}`;
  if (m.type === "hold") held.set(key, { runId: m.runId, token: m.token, workerId: m.workerId });
  else held.delete(key);
});

async function connection() {
  if (client) return client;
  const c = new pg.Client({ connectionString: workerData.databaseUrl });
  c.on("error", () => {
    if (client === c) client = null;
  });
  await c.connect();
  client = c;
  return c;
}

async function beat() {
  if (held.size === 0) return;
  const claims = [...held.values()];
  try {
    const db = await connection();
    const { rows } = await db.query(
      `update runs r set heartbeat_at = now()
       from unnest($1::uuid[], $2::int[], $3::text[]) as h(id, token, worker)
       where r.id = h.id and r.attempts = h.token and r.worker_id = h.worker and r.status in ('running', 'waiting')
       returning r.id, r.attempts`,
      [claims.map((c) => c.runId), claims.map((c) => c.token), claims.map((c) => c.workerId)],
    );
    const alive = new Set(rows.map((r) => `${r.id}:${r.attempts}`));
    for (const c of claims) {
      const key = `${c.runId}:${c.token}`;
      if (alive.has(key) || !held.has(key)) continue;
      held.delete(key);
      parentPort.postMessage({ type: "lost", runId: c.runId, token: c.token });
    }
  } catch (err) {
    // A database outage is not a lost claim: nobody else can take the run while it lasts either.
    client?.end().catch(() => {});
    client = null;
    parentPort.postMessage({ type: "error", message: err instanceof Error ? err.message : String(err) });
  }
}

let beating = false;
setInterval(() => {
  if (beating) return;
  beating = true;
  void beat().finally(() => {
    beating = false;
  });
}, workerData.periodMs);
