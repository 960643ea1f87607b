import { describe, expect, it } from "vitest";
import { executeRun } from "@/lib/runs/execute-run";
import { getRunDetail } from "@/lib/runs/run-store";
import { forgejoPort } from "@/lib/wiring";
import { seedTeamAndEnvironments } from "@/tests/catalog-seed";
import { setupTestDatabase } from "@/tests/db";
import { requestRun } from "@/tests/run-journey";
import { runSimulatorDuringTests } from "@/tests/simulator";

// Many people creating services at the same moment: every run commits to the one GitOps branch, so
// all but one lose each race. Each lost race must be a retry, never a failed run.

setupTestDatabase();
runSimulatorDuringTests();

const COUNT = 30;

describe("concurrent create-microservice runs", () => {
  it(`${COUNT} runs requested and executed at once all succeed, each with its own GitOps files`, async () => {
    await seedTeamAndEnvironments();
    const names = Array.from({ length: COUNT }, (_, i) => `burst-${i}`);
    const runs = [];
    for (const name of names)
      runs.push(
        await requestRun("create-microservice", undefined, {
          name,
          team: "payments",
          language: "go",
          template: "microservice",
        }),
      );
    // Up to four runs per worker process, as SLIPWAY_WORKER_CONCURRENCY defaults to; eight workers.
    await Promise.all(runs.map((run, i) => executeRun(run.id, `burst-worker-${i % 8}`)));
    const details = await Promise.all(runs.map((run) => getRunDetail(run.id)));
    expect(details.map((d) => `${d.status}${d.error ? `: ${d.error}` : ""}`)).toEqual(names.map(() => "succeeded"));
    for (const name of names) {
      expect(await forgejoPort().readFile("platform", "gitops", `argocd/apps/${name}-dev.yaml`), name).toContain(name);
    }
  }, 300_000);
});
