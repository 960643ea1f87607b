import { describe, expect, it } from "vitest";
import { listActivity } from "@/lib/catalog/entities";
import {
  activityMessages,
  deployedTag,
  entityRef,
  lastGitopsCommit,
  setupServiceForExecutorTests,
  testRun,
} from "@/tests/action-executor";
import { executePromote } from "../promote/executor";
import { executeRelease } from "../release/executor";
import { executeRollback } from "./executor";
import { rollbackAction } from "./index";

setupServiceForExecutorTests("ledger");

const approved = { approvers: 1, roles: ["sre" as const], changeTicket: false, expiresInHours: 24, source: "test" };

describe("rollback executor", () => {
  it("sets the overlay back to a version it ran, with the reason in the commit and the activity", async () => {
    const dev = await entityRef("deployment", "ledger-dev");
    await executeRelease(testRun({ entity: dev }).ctx, { version: "0.2.0" });
    const ports = testRun().ctx.ports;
    expect(await rollbackAction.check!({ target_version: "0.9.0", reason: "bad build" }, dev, ports)).toEqual({
      target_version: ["dev never ran 0.9.0; it ran 0.2.0, 0.1.0"],
    });

    const run = testRun({ entity: dev, policy: approved });
    const result = await executeRollback(run.ctx, { target_version: "0.1.0", reason: "0.2.0 drops writes" });
    expect(await deployedTag("ledger", "dev")).toBe("0.1.0");
    const commit = await lastGitopsCommit();
    expect(result).toEqual({ version: "0.1.0", commit: commit.sha, needsReview: false });
    expect(commit.message).toContain("Roll back ledger in dev to 0.1.0\n\nReason: 0.2.0 drops writes\n");
    expect(run.steps).toEqual(["commit-rollback", "record-rollback"]);
    expect(await activityMessages("service", "ledger")).toContain(
      "ledger-dev: Rolled back dev to 0.1.0: 0.2.0 drops writes",
    );
  });

  it("marks a production rollback that ran without approvers for review", async () => {
    await executeRelease(testRun({ entity: await entityRef("deployment", "ledger-dev") }).ctx, { version: "0.3.0" });
    const prod = await entityRef("deployment", "ledger-prod");
    await executePromote(testRun({ entity: await entityRef("deployment", "ledger-dev"), policy: approved }).ctx, {
      target_environment: "prod",
      run_tests: false,
      // Skipping staging was an admin's override when the run was requested.
      override_reason: "straight to prod",
    });

    const run = testRun({ entity: prod, policy: null });
    const result = await executeRollback(run.ctx, { target_version: "0.1.0", reason: "prod pages on 0.3.0" });
    expect(result).toMatchObject({ version: "0.1.0", needsReview: true });
    expect((await lastGitopsCommit()).message).toContain(
      "Marked for review: production rollback without a second approver",
    );
    const [latest] = await listActivity("deployment", "ledger-prod");
    expect(latest).toMatchObject({ kind: "rollback-review", message: expect.stringContaining("(marked for review)") });
  });
});
