import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import { describeBranchContract } from "./forgejo-contract-branches";
import { describeCommitContract } from "./forgejo-contract-commits";
import { describeCommitRangeContract } from "./forgejo-contract-ranges";
import { describePullRequestContract } from "./forgejo-contract-pulls";
import { describeRepoContract } from "./forgejo-contract-repos";
import type { ContractEnv, ContractTarget } from "./forgejo-contract-fixtures";

export type { ContractEnv, ContractTarget } from "./forgejo-contract-fixtures";

/**
 * The ForgejoPort contract: every adapter (sandbox bare repos, real Forgejo) must pass it unchanged.
 * `setup` runs once for the whole block; each test creates its own organisation and repositories.
 */
export function describeForgejoContract(name: string, setup: () => Promise<ContractTarget>): void {
  describe(`ForgejoPort contract: ${name}`, () => {
    let env: ContractEnv | undefined;

    beforeAll(async () => {
      const scratch = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-git-contract-"));
      env = { ...(await setup()), scratch };
    });

    afterAll(async () => {
      if (!env) return;
      await env.cleanup();
      await fs.rm(env.scratch, { recursive: true, force: true });
    });

    const getEnv = (): ContractEnv => {
      if (!env) throw new Error("contract setup did not run");
      return env;
    };

    describeRepoContract(getEnv);
    describeCommitContract(getEnv);
    describeCommitRangeContract(getEnv);
    describeBranchContract(getEnv);
    describePullRequestContract(getEnv);
  });
}
