import { percentile } from "./http";

// Run throughput in sandbox mode: the worker executes real runs (git commits to the sandbox GitOps
// repo, the simulated ArgoCD rolling them out). One service is created first; then N scale runs of its
// dev deployment are requested at once.

export type RunThroughput = {
  runs: number;
  succeeded: number;
  queueWaitP50: number;
  queueWaitP99: number;
  durationP50: number;
  durationP99: number;
  runsPerMin: number;
};

type RunView = {
  id: string;
  status: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
};
const DONE = new Set(["succeeded", "failed", "compensated", "cancelled", "declined", "expired"]);

async function request(base: string, token: string, action: string, body: unknown): Promise<RunView> {
  const res = await fetch(`${base}/api/v1/actions/${action}/runs`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`${action} run refused: ${res.status} ${await res.text()}`);
  return (await res.json()) as RunView;
}

async function waitAll(base: string, token: string, ids: string[], limitMs: number): Promise<RunView[]> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const runs = await Promise.all(
      ids.map(async (id) => {
        const res = await fetch(`${base}/api/v1/runs/${id}`, { headers: { authorization: `Bearer ${token}` } });
        return (await res.json()) as RunView;
      }),
    );
    if (runs.every((r) => DONE.has(r.status) && r.finishedAt) || Date.now() > deadline) return runs;
    await new Promise((r) => setTimeout(r, 250));
  }
}

function figures(runs: RunView[]): RunThroughput {
  const ms = (a: string | null, b: string | null) => (a && b ? Date.parse(b) - Date.parse(a) : NaN);
  const waits = runs.map((r) => ms(r.createdAt, r.startedAt)).filter(Number.isFinite);
  const totals = runs.map((r) => ms(r.createdAt, r.finishedAt)).filter(Number.isFinite);
  const first = Math.min(...runs.map((r) => Date.parse(r.createdAt)));
  const last = Math.max(...runs.map((r) => Date.parse(r.finishedAt ?? r.createdAt)));
  return {
    runs: runs.length,
    succeeded: runs.filter((r) => r.status === "succeeded").length,
    queueWaitP50: Math.round(percentile(waits, 50)),
    queueWaitP99: Math.round(percentile(waits, 99)),
    durationP50: Math.round(percentile(totals, 50)),
    durationP99: Math.round(percentile(totals, 99)),
    runsPerMin: Math.round((runs.length / ((last - first) / 60_000)) * 10) / 10,
  };
}

/**
 * N services created at once, then one scale run for each one's dev deployment at once (runs on one
 * deployment would supersede each other's commit and wait for a revision that never rolls out).
 */
export async function measureRuns(
  base: string,
  token: string,
  n: number,
): Promise<{ create: RunThroughput; scale: RunThroughput }> {
  const prefix = `bench-${Date.now().toString(36)}`;
  const names = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  const creates = await Promise.all(
    names.map((name) =>
      request(base, token, "create-microservice", {
        input: { name, team: "payments", language: "go", template: "api-service" },
      }),
    ),
  );
  const created = await waitAll(
    base,
    token,
    creates.map((r) => r.id),
    180_000,
  );
  const scales = await Promise.all(
    names.map((name, i) =>
      request(base, token, "scale", {
        entity: `${name}-dev`,
        input: { replicas: 2 + (i % 3), reason: `bench scale run ${i}` },
      }),
    ),
  );
  const scaled = await waitAll(
    base,
    token,
    scales.map((r) => r.id),
    180_000,
  );
  return { create: figures(created), scale: figures(scaled) };
}
