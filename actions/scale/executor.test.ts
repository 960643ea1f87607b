import { describe, expect, it } from "vitest";
import { readScale } from "@/lib/gitops";
import {
  activityMessages,
  entityRef,
  gitopsFile,
  lastGitopsCommit,
  setupServiceForExecutorTests,
  testRun,
} from "@/tests/action-executor";
import { executeScale } from "./executor";
import { scaleAction } from "./index";
import { scaleInput } from "./schema";

setupServiceForExecutorTests("ledger");

const overlay = "services/ledger/overlays/staging";
const readStagingScale = async () =>
  readScale({
    replicaPatch: (await gitopsFile(`${overlay}/replica-patch.yaml`))!,
    resourcePatch: (await gitopsFile(`${overlay}/resource-patch.yaml`))!,
  });

describe("scale executor", () => {
  it("changes only the replicas when only replicas are given, keeping both limits", async () => {
    const before = await readStagingScale();
    const run = testRun({ entity: await entityRef("deployment", "ledger-staging") });
    const input = scaleInput.parse({ replicas: 4, reason: "more traffic after launch" });
    const result = await executeScale(run.ctx, input);

    const after = await readStagingScale();
    expect(after).toEqual({ ...before, replicas: 4 });
    const commit = await lastGitopsCommit();
    expect(result).toEqual({ commit: commit.sha, replicas: 4 });
    expect(commit.message).toContain(`Scale ledger in staging to 4 replicas\n`);
    expect(commit.message).toContain(`4 replicas (was ${before.replicas})`);
    expect(commit.message).not.toContain("limit");
    expect(run.steps).toEqual(["commit-scale", "record-scale"]);
    expect(run.links).toEqual([expect.objectContaining({ kind: "commit", title: `scale ${commit.sha.slice(0, 8)}` })]);
    expect(await activityMessages("deployment", "ledger-staging")).toContain(
      "Scaled to 4 replicas: more traffic after launch",
    );
  });

  it("changes one limit and keeps the replicas and the other limit", async () => {
    const before = await readStagingScale();
    const run = testRun({ entity: await entityRef("deployment", "ledger-staging") });
    await executeScale(run.ctx, scaleInput.parse({ memory_limit: "1Gi", reason: "heap grew with the cache" }));
    expect(await readStagingScale()).toEqual({ ...before, limits: { ...before.limits, memory: "1Gi" } });
    expect((await lastGitopsCommit()).message).toContain("Scale ledger in staging to memory limit 1Gi\n");
  });
});

describe("scale check", () => {
  it("validates the combination the overlay ends with, not only the fields given", async () => {
    const entity = await entityRef("deployment", "ledger-staging");
    const ports = testRun().ctx.ports;
    expect(await scaleAction.check!({ replicas: 2, reason: "steady state" }, entity, ports)).toBeNull();
    expect(await scaleAction.check!({ replicas: 11, reason: "too many" }, entity, ports)).toEqual({
      replicas: ["must be between 1 and 10"],
    });
    const { requests } = await readStagingScale();
    const low = await scaleAction.check!({ cpu_limit: "1m", reason: "squeeze it" }, entity, ports);
    expect(low).toEqual({ cpu_limit: [`below the request of ${requests.cpu}`] });
  });

  it("asks for at least one of replicas, cpu_limit and memory_limit", () => {
    const parsed = scaleInput.safeParse({ reason: "nothing to change" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["replicas"] });
  });
});
