import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/git/errors";
import { createContractRepo, createSeededRepo, type ContractEnv } from "./forgejo-contract-fixtures";

// What a version added since the previous one: lead time for changes starts at its oldest commit.
export function describeCommitRangeContract(getEnv: () => ContractEnv): void {
  describe("commits between two refs", () => {
    it("lists what head has and base has not, newest first; the whole history without a base", async () => {
      const env = getEnv();
      const { port } = env;
      const { owner, repo, head: seed } = await createSeededRepo(env, { "a.txt": "1\n" });
      const commit = async (content: string, expectedHead: string) =>
        (
          await port.commitFiles({
            owner,
            repo,
            branch: "main",
            message: `a = ${content}`,
            changes: [{ path: "a.txt", content }],
            expectedHead,
          })
        ).sha;
      const second = await commit("2\n", seed);
      const third = await commit("3\n", second);
      await port.createBranch(owner, repo, "release-1", second);

      const since = await port.listCommitsBetween(owner, repo, { base: seed, head: "main" });
      expect(since.map((c) => c.sha)).toEqual([third, second]);
      expect(since[1]).toMatchObject({ message: "a = 2" });
      expect(new Date(since[1]?.date ?? "").toISOString()).toBe(since[1]?.date);
      const byBranch = await port.listCommitsBetween(owner, repo, { base: "release-1", head: third });
      expect(byBranch.map((c) => c.sha)).toEqual([third]);
      const all = await port.listCommitsBetween(owner, repo, { base: null, head: "release-1" });
      expect(all.map((c) => c.sha)).toEqual([second, seed]);
      expect(await port.listCommitsBetween(owner, repo, { base: third, head: "main" })).toEqual([]);
    });

    it("answers [] for a ref that does not resolve and NotFoundError for a missing repository", async () => {
      const env = getEnv();
      const { port } = env;
      const { owner, repo, head } = await createSeededRepo(env, { "a.txt": "1\n" });
      expect(await port.listCommitsBetween(owner, repo, { base: head, head: "no-such-ref" })).toEqual([]);
      expect(await port.listCommitsBetween(owner, repo, { base: "no-such-ref", head: "main" })).toEqual([]);
      const empty = await createContractRepo(env);
      expect(await port.listCommitsBetween(empty.owner, empty.repo, { base: null, head: "main" })).toEqual([]);
      await expect(
        port.listCommitsBetween(owner, `${repo}-missing`, { base: null, head: "main" }),
      ).rejects.toBeInstanceOf(NotFoundError);
    });
  });
}
