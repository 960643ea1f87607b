import { describe, expect, it } from "vitest";
import {
  activityMessages,
  deployedTag,
  entityRef,
  lastGitopsCommit,
  setupServiceForExecutorTests,
  testRun,
} from "@/tests/action-executor";
import { executeRelease } from "./executor";
import { releaseAction } from "./index";

setupServiceForExecutorTests("billing");

describe("release executor", () => {
  it("points dev's overlay at the new tag in one commit, links it and records it on the deployment and service", async () => {
    const run = testRun({ entity: await entityRef("deployment", "billing-dev") });
    const result = await executeRelease(run.ctx, { version: "0.2.0", notes: "faster invoices" });

    expect(await deployedTag("billing", "dev")).toBe("0.2.0");
    const commit = await lastGitopsCommit();
    expect(result).toEqual({ version: "0.2.0", commit: commit.sha });
    expect(commit.message).toContain("Release billing 0.2.0 to dev\n\nfaster invoices\n");
    expect(commit.message).toContain(`Requested by dana@example.com (Slipway run ${run.ctx.runId})`);
    expect(run.steps).toEqual(["commit-release", "record-release"]);
    expect(run.links.map((l) => l.kind)).toEqual(["commit"]);
    expect(await activityMessages("deployment", "billing-dev")).toContain("Released 0.2.0 to dev");
    expect(await activityMessages("service", "billing")).toContain("billing-dev: Released 0.2.0 to dev");
  });

  it("commits nothing a second time when the overlay already says so (a resumed run)", async () => {
    const before = await lastGitopsCommit();
    const run = testRun({ entity: await entityRef("deployment", "billing-dev") });
    const result = await executeRelease(run.ctx, { version: "0.2.0" });
    expect((await lastGitopsCommit()).sha).toBe(before.sha);
    expect(result.commit).toBe(before.sha);
  });

  it("is checked before a run exists: only the first environment, and only a version it does not run", async () => {
    const ports = testRun().ctx.ports;
    const staging = await entityRef("deployment", "billing-staging");
    expect(await releaseAction.check!({ version: "0.3.0" }, staging, ports)).toEqual({
      entity: ["Releases go to dev; promote from there"],
    });
    const dev = await entityRef("deployment", "billing-dev");
    expect(await releaseAction.check!({ version: "0.2.0" }, dev, ports)).toEqual({
      version: ["dev already runs 0.2.0"],
    });
    expect(await releaseAction.check!({ version: "0.3.0" }, dev, ports)).toBeNull();
  });
});
