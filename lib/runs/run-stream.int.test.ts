import { beforeAll, describe, expect, it } from "vitest";
import * as actionRunsRoute from "@/app/api/v1/actions/[action]/runs/route";
import { call, setupTestDatabase } from "@/tests/db";
import { entitiesRoute } from "@/tests/routes";
import { executeRun } from "./execute-run";
import { streamRun } from "./run-stream";
import type { Run } from "./types";

setupTestDatabase();

beforeAll(async () => {
  await call(entitiesRoute.POST, {
    params: { blueprint: "team" },
    body: { identifier: "payments", properties: { oidc_group: "team-payments" } },
  });
  await call(entitiesRoute.POST, {
    params: { blueprint: "service" },
    body: { identifier: "cart", team: "payments", properties: { language: "go", port: 80 } },
  });
});

/** Reads a stream to its end and parses its events. */
async function readAll(stream: ReadableStream<Uint8Array>) {
  const text = await new Response(stream).text();
  return text
    .split("\n\n")
    .map((block) =>
      Object.fromEntries(block.split("\n").map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)])),
    )
    .filter((f): f is { event: string; data: string } => Boolean(f.event && f.data));
}

describe("a run's event stream", () => {
  it("sends every status change from the request on, even ones no `run` snapshot showed", async () => {
    const res = await call<Run>(actionRunsRoute.POST, {
      as: { user: "dana" },
      params: { action: "test-steps" },
      body: { entity: "cart", input: { steps: 1 } },
    });
    expect(res.status).toBe(201);
    await executeRun(res.json.id, "test-worker");
    const events = await readAll(streamRun(res.json.id, 0, new AbortController().signal));
    const changes = events
      .filter((e) => e.event === "status")
      .map((e) => JSON.parse(e.data) as { from: unknown; to: string; verb: string });
    expect(changes.map((c) => [c.verb, c.from, c.to])).toEqual([
      ["run.request", null, "queued"],
      ["run.start", "queued", "running"],
      ["run.succeed", "running", "succeeded"],
    ]);
    // The run ended before the stream opened: its one snapshot shows only the end.
    expect(events.filter((e) => e.event === "run").map((e) => (JSON.parse(e.data) as Run).status)).toEqual([
      "succeeded",
    ]);
    expect(events.filter((e) => e.event === "log").length).toBeGreaterThan(0);
  });
});
