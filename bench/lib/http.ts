import autocannon from "autocannon";

export type Latency = { p50: number; p95: number; p99: number; rps: number; requests: number; errors: number };
export type Row = { name: string; target?: string } & (Latency | { missing: string });

export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

export function summarize(samples: number[], seconds: number, errors: number): Latency {
  const r = (v: number) => Math.round(v * 10) / 10;
  return {
    p50: r(percentile(samples, 50)),
    p95: r(percentile(samples, 95)),
    p99: r(percentile(samples, 99)),
    rps: Math.round(samples.length / seconds),
    requests: samples.length,
    errors,
  };
}

export type Load = { connections: number; seconds: number };

/**
 * Drives one URL with autocannon and keeps every response time (autocannon's own summary has no p95).
 * A URL that answers 404 before the run (an endpoint not built yet) is reported as missing, not run.
 */
export async function measure(
  name: string,
  url: string,
  headers: Record<string, string>,
  load: Load,
  target?: string,
): Promise<Row> {
  const probe = await fetch(url, { headers });
  await probe.arrayBuffer();
  if (probe.status === 404) return { name, target, missing: "n/a (404)" };
  if (!probe.ok) return { name, target, missing: `n/a (${probe.status})` };
  // Warm-up: JIT, plan caches and the server's own caches, as a portal in use has them.
  await autocannon({ url, headers, connections: load.connections, amount: 50 * load.connections });
  const samples: number[] = [];
  let errors = 0;
  const result = await autocannon({
    url,
    headers,
    connections: load.connections,
    duration: load.seconds,
    setupClient: (client) => {
      client.on("response", (status: number, _bytes: number, ms: number) => {
        if (status >= 400) errors++;
        samples.push(ms);
      });
    },
  });
  errors += result.errors + result.timeouts;
  return { name, target, ...summarize(samples, load.seconds, errors) };
}
