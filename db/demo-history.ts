// A few weeks of believable delivery history for the demo catalog, as plain facts. seed-history.ts
// writes them with bulk inserts; a later change can replay the same facts through the real action
// path (request → approve → run) instead, without touching this generator.

export type DemoServiceRef = {
  service: string;
  team: string;
  versions: { dev: string; staging: string; prod: string };
};

type Base = { at: Date; service: string; team: string; environment: string };
export type HistoryFact =
  | (Base & { kind: "commit"; version: string })
  | (Base & {
      kind: "run";
      action: "release" | "promote" | "rollback";
      version: string;
      status: "succeeded" | "failed" | "awaiting_approval";
      requester: string;
      approvers: string[];
      changeTicket?: string;
      reason?: string;
    })
  | (Base & { kind: "health"; status: "Healthy" | "Degraded" | "Progressing"; version: string; message?: string })
  | (Base & { kind: "scale"; replicas: number; reason: string; requester: string; approvers: string[] });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DEVELOPERS: Record<string, string> = { payments: "dana", checkout: "carl", platform: "dana" };
const SCALE_REASONS = [
  "Black Friday traffic: more headroom for checkout peaks",
  "Queue lag above 5 minutes during the nightly batch",
  "Traffic back to normal after the campaign",
  "p99 latency over SLO at 3 replicas",
];

/** mulberry32: the same history on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Versions 1.(m-1).0 … 1.(m-1).5, 1.m.0 … up to dev's version: the order releases happened in. */
export function versionTrail(dev: string): string[] {
  const [major, minor, patch] = dev.split(".").map(Number) as [number, number, number];
  const older = Array.from({ length: 6 }, (_, p) => `${major}.${minor - 1}.${p}`);
  return [...older, ...Array.from({ length: patch + 1 }, (_, p) => `${major}.${minor}.${p}`)];
}

/** `weeks` of history ending before `now`; the last facts leave each deployment at its demo version. */
export function demoHistory(services: DemoServiceRef[], now: Date, weeks = 5): HistoryFact[] {
  const facts: HistoryFact[] = [];
  const start = now.getTime() - weeks * 7 * DAY;
  for (const [i, s] of services.entries()) {
    const rnd = random(1000 + i);
    const base = { service: s.service, team: s.team };
    const dev = DEVELOPERS[s.team] ?? "dana";
    const trail = versionTrail(s.versions.dev);
    // Versions that reached prod spread over the weeks (the last about two days ago); the ones
    // still on their way were released in the last days.
    const step = (now.getTime() - 2 * DAY - start) / (trail.indexOf(s.versions.prod) + 1);
    const stagingUpTo = trail.indexOf(s.versions.staging);
    const prodUpTo = trail.indexOf(s.versions.prod);
    for (const [n, version] of trail.entries()) {
      const released =
        n <= prodUpTo
          ? start + n * step + rnd() * step * 0.3
          : now.getTime() - (trail.length - n) * 0.9 * DAY + rnd() * 5 * HOUR;
      facts.push({ ...base, kind: "commit", environment: "", version, at: new Date(released - (1 + rnd() * 3) * DAY) });
      const deploy = (environment: string, action: "release" | "promote", at: number, approvers: string[]) => {
        facts.push({
          ...base,
          kind: "run",
          environment,
          action,
          version,
          status: "succeeded",
          requester: dev,
          approvers,
          at: new Date(at),
          ...(environment === "prod" ? { changeTicket: `CHG-${2000 + i * 40 + n}` } : {}),
        });
        facts.push({ ...base, kind: "health", environment, status: "Healthy", version, at: new Date(at) });
      };
      deploy("dev", "release", released, []);
      if (n > stagingUpTo) continue;
      const staged = released + (3 + rnd() * 20) * HOUR;
      // Now and then a promotion fails its rollout and is retried the next day.
      if (rnd() < 0.12)
        facts.push({
          ...base,
          kind: "run",
          environment: "staging",
          action: "promote",
          version,
          status: "failed",
          requester: dev,
          approvers: ["sam"],
          at: new Date(staged - 20 * HOUR),
        });
      deploy("staging", "promote", staged, ["sam"]);
      if (n > prodUpTo) continue;
      const shipped = staged + (6 + rnd() * 30) * HOUR;
      deploy("prod", "promote", shipped, ["sam", "sofia"]);
      const trouble = rnd();
      if (trouble < 0.1 && n > 0) {
        // Degraded and rolled back to the previous version by an SRE.
        facts.push({
          ...base,
          kind: "health",
          environment: "prod",
          status: "Degraded",
          version,
          message: "CrashLoopBackOff",
          at: new Date(shipped + 12 * 60_000),
        });
        facts.push({
          ...base,
          kind: "run",
          environment: "prod",
          action: "rollback",
          version: trail[n - 1]!,
          status: "succeeded",
          requester: "sam",
          approvers: [],
          reason: "Crash loop after release",
          at: new Date(shipped + 50 * 60_000),
        });
        facts.push({
          ...base,
          kind: "health",
          environment: "prod",
          status: "Healthy",
          version: trail[n - 1]!,
          at: new Date(shipped + 50 * 60_000),
        });
        // The fix ships as the same version a day later, approved again.
        facts.push({
          ...base,
          kind: "run",
          environment: "prod",
          action: "promote",
          version,
          status: "succeeded",
          requester: dev,
          approvers: ["sam", "sofia"],
          changeTicket: `CHG-${2500 + i * 40 + n}`,
          at: new Date(shipped + 26 * HOUR),
        });
        facts.push({
          ...base,
          kind: "health",
          environment: "prod",
          status: "Healthy",
          version,
          at: new Date(shipped + 26 * HOUR),
        });
      } else if (trouble < 0.22) {
        // Degraded for a while, recovered on its own (a dependency hiccup).
        const minutes = 15 + Math.round(rnd() * 100);
        facts.push({
          ...base,
          kind: "health",
          environment: "prod",
          status: "Degraded",
          version,
          message: "Readiness probe failed",
          at: new Date(shipped + 3 * HOUR),
        });
        facts.push({
          ...base,
          kind: "health",
          environment: "prod",
          status: "Healthy",
          version,
          at: new Date(shipped + 3 * HOUR + minutes * 60_000),
        });
      }
    }
    if (i % 3 === 0)
      facts.push({
        ...base,
        kind: "scale",
        environment: "prod",
        replicas: 3,
        reason: SCALE_REASONS[i % SCALE_REASONS.length]!,
        requester: "sam",
        approvers: ["sofia"],
        at: new Date(start + (10 + i) * DAY),
      });
    if (i % 4 === 1)
      facts.push({
        ...base,
        kind: "run",
        environment: "prod",
        action: "promote",
        version: s.versions.staging,
        status: "awaiting_approval",
        requester: dev,
        approvers: [],
        at: new Date(now.getTime() - (2 + i) * HOUR),
      });
  }
  return facts.filter((f) => f.at.getTime() < now.getTime()).sort((a, b) => a.at.getTime() - b.at.getTime());
}
