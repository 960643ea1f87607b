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

export async function measureRuns(base: string, token: string, n: number): Promise<RunThroughput> {
  const name = `bench-${Date.now().toString(36)}`;
  const created = await request(base, token, "create-microservice", {
    input: { name, team: "payments", language: "go", template: "api-service" },
  });
  const [made] = await waitAll(base, token, [created.id], 180_000);
  if (made?.status !== "succeeded") throw new Error(`create-microservice ${made?.status}: ${made?.error}`);

  const requested = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      request(base, token, "scale", {
        entity: `${name}-dev`,
        input: { replicas: 1 + (i % 4), reason: `bench scale run ${i}` },
      }),
    ),
  );
  const runs = await waitAll(
    base,
    token,
    requested.map((r) => r.id),
    300_000,
  );
  const ms = (a: string | null, b: string | null) => (a && b ? Date.parse(b) - Date.parse(a) : NaN);
  const waits = runs.map((r) => ms(r.createdAt, r.startedAt)).filter(Number.isFinite);
  const totals = runs.map((r) => ms(r.createdAt, r.finishedAt)).filter(Number.isFinite);
  const first = Math.min(...runs.map((r) => Date.parse(r.createdAt)));
  const last = Math.max(...runs.map((r) => Date.parse(r.finishedAt ?? r.createdAt)));
  return {
    runs: n,
    succeeded: runs.filter((r) => r.status === "succeeded").length,
    queueWaitP50: Math.round(percentile(waits, 50)),
    queueWaitP99: Math.round(percentile(waits, 99)),
    durationP50: Math.round(percentile(totals, 50)),
    durationP99: Math.round(percentile(totals, 99)),
    runsPerMin: Math.round((n / ((last - first) / 60_000)) * 10) / 10,
  };
}
