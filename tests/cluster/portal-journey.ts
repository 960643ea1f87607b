import { expect } from "vitest";
import { sleep } from "@/lib/sleep";
import { call } from "@/tests/db";
import { entityRoute } from "@/tests/routes";

// What the cluster tier's portal journeys share: waiting for the catalog to show what an engine
// reported, and the timings each test prints at its end.

export const timings: Record<string, number> = {};

export async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await fn();
  } finally {
    timings[label] = Math.round((Date.now() - started) / 100) / 10;
  }
}

/** Polls the catalog until the deployment's properties include `wanted`; returns them. */
export async function catalogShows(
  entity: string,
  wanted: Record<string, unknown>,
  timeoutMs = 120_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  let last: Record<string, unknown> = {};
  while (Date.now() < deadline) {
    const res = await call<{ properties: Record<string, unknown> }>(entityRoute.GET, {
      params: { blueprint: "deployment", entity },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    last = res.json.properties ?? {};
    if (Object.entries(wanted).every(([k, v]) => last[k] === v)) return last;
    await sleep(500);
  }
  throw new Error(`${entity} never showed ${JSON.stringify(wanted)}; last: ${JSON.stringify(last)}`);
}
