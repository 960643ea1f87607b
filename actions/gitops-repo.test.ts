import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HeadMovedError } from "@/lib/git/errors";
import { createSandboxForgejo } from "@/lib/integrations/sandbox-git/sandbox-forgejo";
import { commitBackoffMs, commitWithRetry, ensureGitopsRepo } from "./gitops-repo";

const gitops = { owner: "platform", repo: "gitops", registry: "r", domain: "d", portalUrl: "http://x" };
let root = "";
afterAll(() => fs.rm(root, { recursive: true, force: true }));

describe("commitWithRetry", () => {
  it("lands every commit while another process keeps moving the branch: a lost race is a retry", async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-commit-race-"));
    const forgejo = createSandboxForgejo({ root, baseUrl: "http://localhost:3000" });
    await ensureGitopsRepo(forgejo, gitops);
    // The other process: commits straight to main, as a second worker would, retrying its own races.
    const interloper = async (i: number) => {
      for (;;) {
        const head = await forgejo.branchHead("platform", "gitops", "main");
        try {
          return await forgejo.commitFiles({
            ...{ owner: "platform", repo: "gitops", branch: "main", expectedHead: head },
            message: `Other ${i}`,
            changes: [{ path: `other/o${i}.yaml`, content: `${i}\n` }],
          });
        } catch (e) {
          if (!(e instanceof HeadMovedError)) throw e;
        }
      }
    };
    let lostRaces = 0;
    const ours = Array.from({ length: 10 }, (_, i) =>
      commitWithRetry(
        forgejo,
        gitops,
        async () => ({
          message: `Add ${i}`,
          changes: [{ path: `services/s${i}/kustomization.yaml`, content: `${i}\n` }],
        }),
        "main",
        async (ms) => {
          lostRaces++;
          await new Promise((r) => setTimeout(r, ms));
        },
      ),
    );
    const commits = await Promise.all([...ours, ...Array.from({ length: 10 }, (_, i) => interloper(i))]);
    expect(new Set(commits.map((c) => c.sha)).size).toBe(20);
    for (let i = 0; i < 10; i++) {
      expect(await forgejo.readFile("platform", "gitops", `services/s${i}/kustomization.yaml`)).toBe(`${i}\n`);
    }
    // The race really happened: without retries some of these would have failed.
    expect(lostRaces).toBeGreaterThan(0);
  }, 120_000);

  it("spreads retries with growing, capped, random waits", () => {
    expect(commitBackoffMs(1, () => 1)).toBe(100);
    expect(commitBackoffMs(3, () => 1)).toBe(400);
    expect(commitBackoffMs(9, () => 1)).toBe(2_000);
    expect(commitBackoffMs(3, () => 0.5)).toBe(200);
    expect(commitBackoffMs(3, () => 0)).toBe(0);
  });
});
