import { describe, expect, it } from "vitest";
import { getEntity } from "@/lib/catalog/entity-lookup";
import { forgejoPort } from "@/lib/wiring";
import {
  activityMessages,
  deployedTag,
  entityRef,
  setupServiceForExecutorTests,
  testRun,
} from "@/tests/action-executor";
import { executeRelease } from "../release/executor";
import { executePromote } from "./executor";
import { promoteAction } from "./index";

setupServiceForExecutorTests("orders");

describe("promote executor", () => {
  it("opens and merges a pull request moving the next environment to this one's version", async () => {
    const dev = await entityRef("deployment", "orders-dev");
    await executeRelease(testRun({ entity: dev }).ctx, { version: "0.2.0" });
    const run = testRun({ entity: dev });
    const result = await executePromote(run.ctx, { target_environment: "staging", run_tests: false });

    expect(await deployedTag("orders", "staging")).toBe("0.2.0");
    expect(result).toMatchObject({ version: "0.2.0", from: "0.1.0", target: "staging" });
    const pull = await forgejoPort().getPullRequest("platform", "gitops", result.pullRequest);
    expect(pull).toMatchObject({ state: "merged", title: "Promote orders 0.2.0 from dev to staging" });
    expect(run.links.map((l) => l.kind)).toEqual(["pull-request", "commit"]);
    expect((await getEntity("deployment", "orders-staging")).properties.promoted_from).toBe("dev");
    expect(await activityMessages("service", "orders")).toContain(
      `Promoted 0.2.0 from dev to staging (platform/gitops#${result.pullRequest})`,
    );
  });

  it("is checked before a run exists: promotions move forward and change something", async () => {
    const ports = testRun().ctx.ports;
    const staging = await entityRef("deployment", "orders-staging");
    const back = await promoteAction.check!({ target_environment: "dev" }, staging, ports);
    expect(back?.target_environment?.[0]).toContain("promotions move forward");
    const dev = await entityRef("deployment", "orders-dev");
    expect(await promoteAction.check!({ target_environment: "staging" }, dev, ports)).toEqual({
      target_environment: ["staging already runs 0.2.0"],
    });
  });
});
