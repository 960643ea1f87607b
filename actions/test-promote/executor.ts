import type { RunContext } from "@/lib/runs/define-action";
import type { TestPromoteInput } from "./schema";
import { sleep } from "@/lib/sleep";

export async function executeTestPromote(ctx: RunContext, input: TestPromoteInput) {
  const target = input.target_environment;
  if (input.run_tests) {
    await ctx.step("tests", async () => {
      for (const suite of ["unit", "contract", "smoke"]) {
        await ctx.log.info(`running ${suite} tests`);
        await sleep(700);
      }
      return { passed: 3 };
    });
  }
  await ctx.step("promote", async () => {
    await ctx.log.info(`promoting ${ctx.entity?.identifier ?? "?"} to ${target}`);
    await sleep(700);
    return { target };
  });
  await ctx.log.info("done");
  return { target };
}
