import fs from "node:fs/promises";
import type { RunContext } from "@/lib/runs/define-action";
import type { TestStepsInput } from "./schema";
import { sleep } from "@/lib/sleep";
import { commitWithRetry, ensureGitopsRepo } from "../gitops-repo";

const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  );

async function waitForGate(gateFile: string) {
  while (!(await exists(gateFile))) await sleep(100);
}

/** One commit per run in the GitOps repository; a step re-executed after a crash finds its file and commits nothing. */
async function commitToGitops(ctx: RunContext) {
  const { forgejo, gitops } = ctx.ports;
  const file = `test-runs/${ctx.runId}.txt`;
  await ctx.step("commit-gitops", async () => {
    await ensureGitopsRepo(forgejo, gitops);
    const commit = await commitWithRetry(forgejo, gitops, async (head) =>
      head && (await forgejo.readFile(gitops.owner, gitops.repo, file, head)) !== null
        ? null
        : { message: `test-steps run ${ctx.runId}`, changes: [{ path: file, content: `${ctx.runId}\n` }] },
    );
    await ctx.log.info(`committed ${file}`);
    return { sha: commit.sha };
  });
}

export async function executeTestSteps(ctx: RunContext, input: TestStepsInput) {
  const { forgejo } = ctx.ports;
  const [owner, name] = input.repo?.split("/") ?? [];
  const repo =
    owner && name
      ? await ctx.step(
          "create-repo",
          async () => {
            await forgejo.ensureOrg(owner);
            return forgejo.ensureRepo({ owner, name, description: "test-steps" });
          },
          { compensate: (r) => forgejo.deleteRepo(r.owner, r.name) },
        )
      : null;
  if (input.gitops) await commitToGitops(ctx);
  for (let i = 1; i <= input.steps; i++) {
    await ctx.step(
      `step-${i}`,
      async () => {
        await ctx.log.info(`executing step-${i}`);
        const head = repo && (await forgejo.branchHead(repo.owner, repo.name, repo.defaultBranch));
        if (input.pauseInside === i && input.gateFile) {
          await ctx.log.info(`paused inside step-${i}`);
          await waitForGate(input.gateFile);
        }
        if (input.delayMs) await sleep(input.delayMs);
        for (const end = Date.now() + input.busyMs; Date.now() < end;);
        if (input.failAt === i) throw new Error(`step-${i} failed on purpose`);
        if (repo)
          await forgejo.commitFiles({
            owner: repo.owner,
            repo: repo.name,
            branch: repo.defaultBranch,
            message: `step ${i}`,
            changes: [{ path: `step-${i}.txt`, content: `${i}\n` }],
            expectedHead: head,
          });
        return { i };
      },
      { compensate: async () => ctx.log.info(`compensating step-${i}`) },
    );
    if (input.pauseAfter === i && input.gateFile) {
      await ctx.log.info(`paused after step-${i}`);
      await waitForGate(input.gateFile);
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
