import fs from "node:fs/promises";
import type { RunContext } from "@/lib/runs/define-action";
import type { TestStepsInput } from "./schema";
import { sleep } from "@/lib/sleep";

export async function executeTestSteps(ctx: RunContext, input: TestStepsInput) {
  for (let i = 1; i <= input.steps; i++) {
    await ctx.step(
      `step-${i}`,
      async () => {
        await ctx.log.info(`executing step-${i}`);
        if (input.delayMs) await sleep(input.delayMs);
        if (input.failAt === i) throw new Error(`step-${i} failed on purpose`);
        return { i };
      },
      { compensate: async () => ctx.log.info(`compensating step-${i}`) },
    );
    if (input.pauseAfter === i && input.gateFile) {
      await ctx.log.info(`paused after step-${i}`);
      while (
        !(await fs.stat(input.gateFile).then(
          () => true,
          () => false,
        ))
      )
        await sleep(100);
    }
  }
  const waitFile = input.waitFile;
  if (waitFile) {
    await ctx.waitUntil(
      "wait-file",
      async () => {
        const text = await fs.readFile(waitFile, "utf8").catch(() => null);
        return text === null
          ? { done: false }
          : text.includes("fail")
            ? { done: false, failure: `wait-file says: ${text.trim()}` }
            : { done: true };
      },
      { intervalMs: 100 },
    );
  }
  return { steps: input.steps };
}
