import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { forgejoPort } from "@/lib/wiring";
import { setupTestDatabase } from "@/tests/db";
import { gitopsFile, testRun } from "@/tests/action-executor";
import { executeTestSteps } from "./executor";
import { testStepsInput } from "./schema";

setupTestDatabase();

describe("test-steps executor", () => {
  it("commits one file per run to the GitOps repository, and nothing more when the step runs again", async () => {
    const run = testRun();
    const input = testStepsInput.parse({ steps: 1, gitops: true });
    await executeTestSteps(run.ctx, input);
    expect(run.steps).toEqual(["commit-gitops", "step-1"]);
    expect(await gitopsFile(`test-runs/${run.ctx.runId}.txt`)).toBe(`${run.ctx.runId}\n`);
    const commits = () => forgejoPort().listCommits("platform", "gitops", { branch: "main", limit: 50 });
    const before = (await commits()).length;
    await executeTestSteps(testRun().ctx, input);
    expect((await commits()).length).toBe(before);
  });

  it("runs its numbered steps in order and stops at the one told to fail", async () => {
    const run = testRun();
    await expect(executeTestSteps(run.ctx, testStepsInput.parse({ steps: 4, failAt: 3 }))).rejects.toThrow(
      "step-3 failed on purpose",
    );
    expect(run.steps).toEqual(["step-1", "step-2", "step-3"]);
    expect(run.logs).toEqual(["executing step-1", "executing step-2", "executing step-3"]);
  });

  it("waits for its wait file and fails with what it says", async () => {
    const waitFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "slipway-steps-")), "wait");
    fs.writeFileSync(waitFile, "fail: told to");
    const run = testRun();
    await expect(executeTestSteps(run.ctx, testStepsInput.parse({ steps: 1, waitFile }))).rejects.toThrow(
      "wait-file says: fail: told to",
    );
    fs.writeFileSync(waitFile, "ok");
    expect(await executeTestSteps(testRun().ctx, testStepsInput.parse({ steps: 2, waitFile }))).toEqual({ steps: 2 });
  });
});
