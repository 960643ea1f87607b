import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { buildIsCurrent } from "../scripts/build-if-needed";
import { followEvents, onDatabase, startWeb, startWorker, stopGroup, type Proc, type SseEvent } from "./replicas";
import { sandboxSessionCookie } from "./sign-in";

// Two web replicas and two workers on one database, from the build this tier already made: 50 runs
// requested through both web replicas at once, each followed over server-sent events on the *other*
// replica; a worker SIGKILLed mid-run, another SIGTERMed. Every run must commit to the GitOps
// repository exactly once, and every log line and status change must reach the client on the other replica.

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const FIRST_PORT = Number(process.env.E2E_SCALE_PORT ?? E2E_PORT + 20);
const PG_PORT = process.env.E2E_PG_PORT ?? "54331";
const DATA_DIR = ".slipway-scale";
const DATABASE = "slipway_scale";
const ADMIN_URL = `postgres://slipway:slipway@127.0.0.1:${PG_PORT}/${DATABASE}`;
const APP_URL = `postgres://slipway_app:slipway_app@127.0.0.1:${PG_PORT}/${DATABASE}`;
const RUNS = 50;
const gates = path.resolve(DATA_DIR, "gates");

const shared = {
  DATABASE_URL: APP_URL,
  SLIPWAY_DATA_DIR: DATA_DIR,
  SLIPWAY_TEST_ACTIONS: "true",
  AUTH_SECRET: "scale-test-only-secret-0123456789abcdef0123",
  SLIPWAY_METRICS_TOKEN: "scale-test-metrics-token",
};
const webs = [FIRST_PORT, FIRST_PORT + 1].map((port) => `http://127.0.0.1:${port}`);
const procs: Proc[] = [];

const web = (port: number) =>
  startWeb({
    ...shared,
    PORT: String(port),
    DATABASE_ADMIN_URL: ADMIN_URL,
    SLIPWAY_WORKER: "false",
    SLIPWAY_SEED_DEMO: "false",
  });
// The simulator's webhook goes to the first web replica; a short stale threshold for the SIGKILL.
const worker = () => {
  const w = startWorker({
    ...shared,
    PORT: String(FIRST_PORT),
    SLIPWAY_RUN_STALE_SECONDS: "4",
    SLIPWAY_LOG_LEVEL: "warn",
  });
  procs.push(w);
  return w;
};

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, seconds = 240): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

type Run = { id: string; status: string };
type Log = { id: number; message: string };
let token = "";
const bearer = () => ({ authorization: `Bearer ${token}` });
const api = async <T>(base: string, p: string, init: RequestInit = {}): Promise<T> => {
  const res = await fetch(`${base}${p}`, { ...init, headers: { ...bearer(), ...init.headers } });
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};
const logsOf = (runId: string) => api<{ items: Log[] }>(webs[0]!, `/api/v1/runs/${runId}/logs`).then((r) => r.items);
const holderPid = (runId: string) =>
  onDatabase(ADMIN_URL, async (c) => {
    const { rows } = await c.query<{ worker_id: string | null }>("select worker_id from runs where id = $1", [runId]);
    return Number(rows[0]?.worker_id?.split(":").pop() ?? 0);
  });
const gitopsSubjects = () =>
  execFileSync("git", ["--git-dir", path.join(DATA_DIR, "git/platform/gitops.git"), "log", "--format=%s", "main"], {
    encoding: "utf8",
  }).split("\n");

type Followed = { run: Run; via: number; events: SseEvent[]; ended: Promise<void> };

/** Requests a test-steps run through web replica `via` and follows it on the other one. */
async function requestAndFollow(via: number, input: Record<string, unknown>): Promise<Followed> {
  const run = await api<Run>(webs[via]!, "/api/v1/actions/test-steps/runs", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ entity: "cart", input: { gitops: true, ...input } }),
  });
  const other = webs[1 - via]!;
  return { run, via, ...followEvents(`${other}/api/v1/runs/${run.id}/events`, bearer()) };
}

/** Every line the database holds for the run reached the client on the other replica, in order. */
async function expectDelivered(f: Followed): Promise<void> {
  await f.ended;
  const stored = await logsOf(f.run.id);
  const streamed = f.events.filter((e) => e.event === "log").map((e) => (JSON.parse(e.data) as Log).id);
  expect(streamed, `log lines of run ${f.run.id}`).toEqual(stored.map((l) => l.id));
  // Every status change the audit trail holds, each once (a reconnect sends them again: kept by seq).
  const changes = new Map<number, string>();
  for (const e of f.events.filter((x) => x.event === "status")) {
    const change = JSON.parse(e.data) as { seq: number; to: string };
    changes.set(change.seq, change.to);
  }
  const audited = await onDatabase(ADMIN_URL, async (c) => {
    const { rows } = await c.query<{ seq: string; to: string }>(
      `select id as seq, coalesce(data->>'to', data->>'status') as to from audit_log
        where target = $1 and (verb = 'run.request' or data ? 'to') order by id`,
      [`run:${f.run.id}`],
    );
    return rows.map((r) => [Number(r.seq), r.to] as const);
  });
  expect(audited.map(([, to]) => to).slice(0, 2)).toEqual(["queued", "running"]);
  expect(audited.at(-1)?.[1]).toBe("succeeded");
  expect(
    [...changes].sort(([a], [b]) => a - b),
    `status changes of run ${f.run.id}`,
  ).toEqual(audited);
  const snapshots = f.events.filter((e) => e.event === "run").map((e) => (JSON.parse(e.data) as Run).status);
  expect(snapshots.at(-1)).toBe("succeeded");
}

/**
 * The run's commit landed once in the GitOps repository, and each step ran once, except that a run
 * taken over from the SIGKILLed worker may run again the one step it was in the middle of (steps
 * are idempotent; finished steps are replayed from their checkpoints, never executed again).
 */
async function expectExecutedOnce(runId: string, steps: number): Promise<string[]> {
  const messages = (await logsOf(runId)).map((l) => l.message);
  const resumed = messages.some((m) => m.startsWith("Resumed by worker"));
  const counts = Array.from(
    { length: steps },
    (_, i) => messages.filter((m) => m === `executing step-${i + 1}`).length,
  );
  if (resumed) {
    expect(
      counts.every((n) => n === 1 || n === 2),
      `${runId} steps ${counts.join(",")}`,
    ).toBe(true);
    expect(counts.filter((n) => n === 2).length, `${runId}: steps executed twice`).toBeLessThanOrEqual(1);
  } else expect(counts, `${runId} steps`).toEqual(counts.map(() => 1));
  expect(gitopsSubjects().filter((s) => s === `test-steps run ${runId}`).length, `commits of ${runId}`).toBe(1);
  return messages;
}

test.afterAll(async () => {
  for (const p of procs) stopGroup(p);
  await Promise.all(procs.map((p) => p.exited));
  rmSync(DATA_DIR, { recursive: true, force: true });
});

test("two web replicas and two workers behave as one", async () => {
  test.setTimeout(900_000);
  // The replicas share this tier's build; two launchers must never both decide to rebuild it.
  expect(buildIsCurrent(), "the Playwright web server builds the app first").toBe(true);
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(gates, { recursive: true });
  await onDatabase(`postgres://slipway:slipway@127.0.0.1:${PG_PORT}/postgres`, async (c) => {
    await c.query(`drop database if exists ${DATABASE} with (force)`);
    await c.query(`create database ${DATABASE}`);
  });

  // Both replicas start at once on the empty database: migrations, grants and blueprints take turns.
  const [webA, webB] = [web(FIRST_PORT), web(FIRST_PORT + 1)];
  procs.push(webA, webB);
  for (const [i, base] of webs.entries())
    await until(
      `${base}/api/ready`,
      async () => (await fetch(`${base}/api/ready`)).status === 200 || undefined,
      300,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n${[webA, webB][i]!.output()}`);
    });
  const w1 = worker();
  const w2 = worker();

  const admin = await sandboxSessionCookie(webs[0]!, "ada");
  for (const [blueprint, body] of [
    ["team", { identifier: "payments", properties: { oidc_group: "team-payments" } }],
    ["service", { identifier: "cart", team: "payments", properties: { language: "go", port: 80 } }],
  ] as const) {
    const res = await fetch(`${webs[0]}/api/v1/blueprints/${blueprint}/entities`, {
      method: "POST",
      headers: { cookie: admin, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.text()).toBe(201);
  }
  const dana = await sandboxSessionCookie(webs[1]!, "dana");
  const created = await fetch(`${webs[1]}/api/v1/tokens`, {
    method: "POST",
    headers: { cookie: dana, "content-type": "application/json" },
    body: JSON.stringify({ name: "scale", scopes: ["read", "actions"] }),
  });
  expect(created.status).toBe(201);
  token = ((await created.json()) as { secret: string }).secret;

  // 50 runs at once, alternating between the replicas; the first pauses after step 1 until its gate opens.
  const killGate = path.join(gates, "kill");
  const followed = await Promise.all(
    Array.from({ length: RUNS }, (_, i) =>
      requestAndFollow(i % 2, i === 0 ? { steps: 3, pauseAfter: 1, gateFile: killGate } : { steps: 2, delayMs: 200 }),
    ),
  );
  const [gated, ...others] = followed;

  // Mid-batch, the worker holding the paused run is SIGKILLed; the other resumes all its runs.
  await until("the gated run to pause", async () =>
    (await logsOf(gated!.run.id)).some((l) => l.message === "paused after step-1"),
  );
  const pid = await holderPid(gated!.run.id);
  const [victim, survivor] = pid === w1.child.pid ? [w1, w2] : [w2, w1];
  expect(victim.child.pid).toBe(pid);
  victim.child.kill("SIGKILL");
  await victim.exited;
  const unfinished = await onDatabase(ADMIN_URL, async (c) => {
    const { rows } = await c.query<{ n: number }>(
      "select count(*)::int as n from runs where status not in ('succeeded', 'failed', 'cancelled')",
    );
    return rows[0]!.n;
  });
  writeFileSync(killGate, "go");
  await Promise.all(others.map((f) => f.ended));
  await gated!.ended;
  const gatedLog = await expectExecutedOnce(gated!.run.id, 3);
  expect(gatedLog.some((m) => m.startsWith(`Resumed by worker`) && m.includes(`:${survivor.child.pid} `))).toBe(true);
  const gatedStatuses = gated!.events.filter((e) => e.event === "run").map((e) => (JSON.parse(e.data) as Run).status);
  expect(gatedStatuses, "the other replica saw the run live").toContain("running");
  expect(gatedStatuses.at(-1)).toBe("succeeded");

  for (const f of followed) {
    await expectDelivered(f);
    if (f !== gated) await expectExecutedOnce(f.run.id, 2);
  }
  expect(new Set(followed.map((f) => f.run.id)).size).toBe(RUNS);
  console.log(`SIGKILL with ${unfinished} of ${RUNS} runs unfinished`);

  // A replacement worker joins; whichever holds the next gated run is stopped with SIGTERM.
  const w3 = worker();
  const termGate = path.join(gates, "term");
  const termed = await requestAndFollow(1, { steps: 3, pauseAfter: 1, gateFile: termGate });
  await until("the second gated run to pause", async () =>
    (await logsOf(termed.run.id)).some((l) => l.message === "paused after step-1"),
  );
  const termPid = await holderPid(termed.run.id);
  const stopped = [survivor, w3].find((w) => w.child.pid === termPid)!;
  expect(stopped, `held by ${termPid}`).toBeDefined();
  stopped.child.kill("SIGTERM");
  writeFileSync(termGate, "go");
  expect(await stopped.exited, stopped.output()).toBe(0);
  await expectDelivered(termed);
  const termLog = await expectExecutedOnce(termed.run.id, 3);
  expect(termLog.some((m) => m.startsWith("Handed back by worker") && m.includes(`:${termPid} `))).toBe(true);

  // Either replica reports the same database-wide figures.
  const metrics = await (
    await fetch(`${webs[1]}/metrics`, { headers: { authorization: `Bearer ${shared.SLIPWAY_METRICS_TOKEN}` } })
  ).text();
  expect(metrics).toContain(`slipway_runs{status="succeeded"} ${RUNS + 1}`);
  expect(metrics).toMatch(
    /slipway_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/runs\/\{run\}\/events",status="200"\} \d+/,
  );

  // A web replica stopped with SIGTERM ends its event streams cleanly (browsers reconnect elsewhere)
  // instead of holding its shutdown until it is killed and cutting them off.
  const stream = await fetch(`${webs[0]}/api/v1/events?topics=service/cart`, { headers: bearer() });
  const reader = stream.body!.getReader();
  await reader.read();
  process.kill(-webA.child.pid!, "SIGTERM");
  const ending = async (): Promise<string> => {
    for (;;) if ((await reader.read()).done) return "ended cleanly";
  };
  expect(await ending().catch((e: Error) => `cut off: ${e.message}`)).toBe("ended cleanly");
  await webA.exited;
});
