import autocannon from "autocannon";
import { WEBHOOK_SECRET } from "./server";

// ArgoCD notifications over HTTP, as the notifications controller sends them: many senders at once,
// each event a distinct status of one of many deployments.

export type Ingestion = {
  /** The median of `rounds`. */
  statusChangesPerSec: number;
  rounds: number[];
  duplicatesPerSec: number;
  events: number;
  outcomes: Record<string, number>;
};

const headers = { "content-type": "application/json", authorization: `Bearer ${WEBHOOK_SECRET}` };

function bodies(deployments: string[], count: number, startAt: number, release = "2.0"): string[] {
  return Array.from({ length: count }, (_, i) => {
    const healthy = Math.floor(i / deployments.length) % 2 === 0;
    return JSON.stringify({
      event: "status",
      entity: `deployment/${deployments[i % deployments.length]}`,
      observedAt: new Date(startAt + i).toISOString(),
      properties: healthy
        ? { status: "Healthy", ready_replicas: 3, replicas: 3, version: `${release}.${i}` }
        : { status: "Progressing", ready_replicas: 1, replicas: 3, version: `${release}.${i}` },
    });
  });
}

async function send(base: string, all: string[], connections: number) {
  let next = 0;
  const outcomes: Record<string, number> = {};
  const started = performance.now();
  // Timed to the last answer: autocannon itself ends on its next one-second sampling tick, which
  // rounded a run of 2.1 s up to 3 s.
  let last = started;
  await autocannon({
    url: `${base}/api/webhooks/argocd`,
    connections,
    amount: all.length,
    requests: [
      {
        method: "POST",
        headers,
        setupRequest: (req) => ({ ...req, body: all[next++ % all.length] }),
        onResponse: (status, body) => {
          const outcome =
            status === 200 ? ((JSON.parse(body) as { outcome?: string }).outcome ?? "?") : `http ${status}`;
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          last = performance.now();
        },
      },
    ],
  });
  return { seconds: (last - started) / 1000, outcomes };
}

const ROUNDS = 3;

/** Status changes/s as the median of three rounds (each a new release of every deployment), then duplicates/s. */
export async function measureIngestion(base: string, deployments: string[], events: number): Promise<Ingestion> {
  const start = Date.now() - 60_000;
  // Warm-up: one event per deployment, so the figure is a running server's (compiled code, cached
  // pages); another release, so that every measured event changes its deployment.
  await send(base, bodies(deployments, deployments.length, start - 60_000, "1.9"), 16);
  const rounds: Awaited<ReturnType<typeof send>>[] = [];
  for (let r = 0; r < ROUNDS; r++)
    rounds.push(await send(base, bodies(deployments, events, start + r * events, `2.${r}`), 64));
  const again = await send(base, bodies(deployments, events, start, "2.0"), 64);
  const rates = rounds.map((x) => Math.round((x.outcomes.applied ?? 0) / x.seconds));
  const outcomes: Record<string, number> = {};
  for (const [k, v] of [
    ...rounds.flatMap((x) => Object.entries(x.outcomes)),
    ...Object.entries(again.outcomes).map(([k, v]) => [`again ${k}`, v] as const),
  ])
    outcomes[k] = (outcomes[k] ?? 0) + v;
  return {
    events,
    statusChangesPerSec: [...rates].sort((x, y) => x - y)[Math.floor(ROUNDS / 2)]!,
    rounds: rates,
    duplicatesPerSec: Math.round((again.outcomes.duplicate ?? 0) / again.seconds),
    outcomes,
  };
}

/** One status event now, for latency probes: answered outcome and when it was sent. */
export async function postStatus(base: string, deployment: string, status: string, version: string): Promise<string> {
  const res = await fetch(`${base}/api/webhooks/argocd`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      event: "status",
      entity: `deployment/${deployment}`,
      observedAt: new Date().toISOString(),
      properties: { status, version },
    }),
  });
  return ((await res.json()) as { outcome?: string }).outcome ?? `http ${res.status}`;
}
