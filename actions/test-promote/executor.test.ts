import { describe, expect, it } from "vitest";
import { testRun } from "@/tests/action-executor";
import { executeTestPromote } from "./executor";
import { testPromoteInput } from "./schema";

describe("test-promote executor", () => {
  it("runs the test suites only when asked, then promotes", async () => {
    const withTests = testRun();
    expect(await executeTestPromote(withTests.ctx, testPromoteInput.parse({ target_environment: "staging" }))).toEqual({
      target: "staging",
    });
    expect(withTests.steps).toEqual(["tests", "promote"]);
    const without = testRun();
    await executeTestPromote(without.ctx, testPromoteInput.parse({ target_environment: "prod", run_tests: false }));
    expect(without.steps).toEqual(["promote"]);
  });
});
