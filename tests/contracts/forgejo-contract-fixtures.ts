import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { ForgejoPort } from "@/lib/git/forgejo-port";

// Shared fixtures of the ForgejoPort contract suite (see forgejo-contract.ts).

export type ContractTarget = {
  port: ForgejoPort;
  /** Something `git clone` accepts for the repository (path, or URL with credentials). */
  cloneUrl(owner: string, repo: string): string;
  cleanup(): Promise<void>;
};

export type ContractEnv = ContractTarget & {
  /** A scratch directory (also HOME for the git CLI) private to this run. */
  scratch: string;
};

export type ContractRepo = { owner: string; repo: string };

/** Unique per test so the suite can run against a shared, long-lived server. Forgejo caps org names at 40. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
}

export async function createContractRepo(env: ContractEnv, prefix = "repo"): Promise<ContractRepo> {
  const owner = uniqueName("org");
  const repo = uniqueName(prefix);
  await env.port.ensureOrg(owner);
  await env.port.ensureRepo({ owner, name: repo, description: "ForgejoPort contract test" });
  return { owner, repo };
}

/** A repository whose main branch has one commit with `files`; returns the commit sha. */
export async function createSeededRepo(
  env: ContractEnv,
  files: Record<string, string>,
): Promise<ContractRepo & { head: string }> {
  const target = await createContractRepo(env);
  const changes = Object.entries(files).map(([p, content]) => ({ path: p, content }));
  const commit = await env.port.commitFiles({
    ...target,
    branch: "main",
    message: "seed",
    changes,
    expectedHead: null,
  });
  return { ...target, head: commit.sha };
}

export async function scratchDir(env: ContractEnv, prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(env.scratch, `${prefix}-`));
}
