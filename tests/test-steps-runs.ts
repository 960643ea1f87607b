import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import * as actionRunsRoute from "@/app/api/v1/actions/[action]/runs/route";
import { listRunLogs } from "@/lib/runs/run-store";
import type { Run } from "@/lib/runs/types";
import { call } from "./db";
import { entitiesRoute } from "./routes";

/**
 * For tests that drive `test-steps` runs through real workers: team `payments` with service `cart`
 * (created before the file's tests), a scratch directory for gate files, and helpers to request a run
 * and read its log. Call after `setupTestDatabase()`.
 */
export function testStepsRuns(tmpPrefix: string) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
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
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const requestSteps = async (input: Record<string, unknown>) => {
    const res = await call<Run>(actionRunsRoute.POST, {
      as: { user: "dana" },
      params: { action: "test-steps" },
      body: { entity: "cart", input },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json.id;
  };
  const messages = async (runId: string) => (await listRunLogs(runId)).map((l) => l.message);
  const count = (all: string[], m: string) => all.filter((x) => x === m).length;
  return { tmp, requestSteps, messages, count };
}
