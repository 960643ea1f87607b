import { beforeAll, describe, expect, it } from "vitest";
import * as actionRunsRoute from "@/app/api/v1/actions/[action]/runs/route";
import { streamRun } from "@/lib/runs/run-stream";
import type { Run } from "@/lib/runs/types";
import { call, setupTestDatabase } from "@/tests/db";
import { entitiesRoute } from "@/tests/routes";
import { streamEntityChanges } from "./entity-stream";
import { drainSseClients } from "./sse-clients";

setupTestDatabase();

let runId = "";
beforeAll(async () => {
  await call(entitiesRoute.POST, {
    params: { blueprint: "team" },
    body: { identifier: "payments", properties: { oidc_group: "team-payments" } },
  });
  await call(entitiesRoute.POST, {
    params: { blueprint: "service" },
    body: { identifier: "cart", team: "payments", properties: { language: "go", port: 80 } },
  });
  const res = await call<Run>(actionRunsRoute.POST, {
    as: { user: "dana" },
    params: { action: "test-steps" },
    body: { entity: "cart", input: { steps: 1 } },
  });
  expect(res.status).toBe(201);
  runId = res.json.id;
});

/** Reads until the server ends the stream; what it sent. */
async function readToEnd(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return text;
    text += new TextDecoder().decode(value);
  }
}

// Draining is for good (the process is stopping), so this file holds only this test.
describe("draining a web replica's event streams (SIGTERM)", () => {
  it("ends every open stream cleanly, and streams opened afterwards at once", async () => {
    const run = streamRun(runId, 0, new AbortController().signal).getReader();
    const entity = streamEntityChanges(["service/cart"], new AbortController().signal).getReader();
    // Both are open and waiting: the run is queued, nothing changes.
    expect(new TextDecoder().decode((await run.read()).value)).toContain("retry: 2000");
    expect(new TextDecoder().decode((await entity.read()).value)).toContain("event: ready");

    expect(drainSseClients()).toBe(2);
    await readToEnd(run);
    await readToEnd(entity);

    // Ended at once, having told the browser to come back (to another replica) in 2 s.
    const late = await readToEnd(streamRun(runId, 0, new AbortController().signal).getReader());
    expect(late.startsWith("retry: 2000")).toBe(true);
  });
});
