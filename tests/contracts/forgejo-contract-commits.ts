import path from "node:path";
import { describe, expect, it } from "vitest";
import { runGitCli, cloneTree } from "./contract-git-cli";
import { HeadMovedError, InvalidGitInputError } from "@/lib/git/errors";
import { createContractRepo, createSeededRepo, scratchDir, type ContractEnv } from "./forgejo-contract-fixtures";

const SEED = {
  "README.md": "# seed\n",
  "dir/b.txt": "b\n",
  "dir/sub/c.txt": "c\n",
  "gone.txt": "bye\n",
  "keep.txt": "same\n",
};

export function describeCommitContract(getEnv: () => ContractEnv): void {
  describe("commits and reading", () => {
    it("an empty repository has no branch, files or commits", async () => {
      const { port } = getEnv();
      const { owner, repo } = await createContractRepo(getEnv());
      expect(await port.branchHead(owner, repo, "main")).toBeNull();
      expect(await port.readFile(owner, repo, "README.md")).toBeNull();
      expect(await port.listFiles(owner, repo, "")).toEqual([]);
      expect(await port.listCommits(owner, repo, { branch: "main" })).toEqual([]);
    });

    it("the initial commit (expectedHead null) creates the branch", async () => {
      const { port } = getEnv();
      const { owner, repo } = await createContractRepo(getEnv());
      const author = { name: "Ada Lovelace", email: "ada@example.com" };
      const changes = [
        { path: "README.md", content: "# héllo ✓\n" },
        { path: ".gitkeep", content: "" },
        { path: "src/index.ts", content: "export {};" },
      ];
      const commit = await port.commitFiles({
        owner,
        repo,
        branch: "main",
        message: "  initial commit\n\n",
        changes,
        expectedHead: null,
        author,
      });
      expect(commit.sha).toMatch(/^[0-9a-f]{40}$/);
      expect(commit.htmlUrl).toContain(commit.sha);
      expect(await port.branchHead(owner, repo, "main")).toBe(commit.sha);
      expect(await port.readFile(owner, repo, "README.md")).toBe("# héllo ✓\n");
      expect(await port.readFile(owner, repo, ".gitkeep")).toBe("");
      expect(await port.readFile(owner, repo, "src/index.ts", commit.sha)).toBe("export {};");
      const [info, ...older] = await port.listCommits(owner, repo, { branch: "main" });
      expect(older).toEqual([]);
      expect(info).toMatchObject({ sha: commit.sha, message: "initial commit", author: "Ada Lovelace" });
      expect(new Date(info?.date ?? "").toISOString()).toBe(info?.date);
      expect((await port.getRepo(owner, repo))?.defaultBranch).toBe("main");
    });

    it("adds, updates and deletes land atomically in ONE commit, visible to readers and to git clone", async () => {
      const env = getEnv();
      const { port } = env;
      const { owner, repo, head } = await createSeededRepo(env, SEED);
      const changes = [
        { path: "README.md", content: "# updated\n" },
        { path: "gone.txt", delete: true as const },
        { path: "dir/sub/d.txt", content: "d\n" },
        { path: "new/top.yaml", content: "a: 1\n" },
      ];
      const commit = await port.commitFiles({
        owner,
        repo,
        branch: "main",
        message: "change several files",
        changes,
        expectedHead: head,
      });

      expect(await port.branchHead(owner, repo, "main")).toBe(commit.sha);
      expect(await port.readFile(owner, repo, "README.md")).toBe("# updated\n");
      expect(await port.readFile(owner, repo, "gone.txt")).toBeNull();
      expect(await port.readFile(owner, repo, "gone.txt", head)).toBe("bye\n");
      const expected = ["README.md", "dir/b.txt", "dir/sub/c.txt", "dir/sub/d.txt", "keep.txt", "new/top.yaml"];
      expect(await port.listFiles(owner, repo, "")).toEqual(expected);
      expect(await port.listFiles(owner, repo, "dir")).toEqual(["dir/b.txt", "dir/sub/c.txt", "dir/sub/d.txt"]);
      expect(await port.listFiles(owner, repo, "dir/sub/", commit.sha)).toEqual(["dir/sub/c.txt", "dir/sub/d.txt"]);
      expect(await port.listFiles(owner, repo, "dir", head)).toEqual(["dir/b.txt", "dir/sub/c.txt"]);
      expect(await port.listFiles(owner, repo, "nothing-here")).toEqual([]);

      const dest = path.join(await scratchDir(env, "clone"), "repo");
      const tree = await cloneTree(env.scratch, env.cloneUrl(owner, repo), dest, "main");
      expect([...tree.keys()].sort()).toEqual(expected);
      for (const file of expected) expect(tree.get(file)).toBe(await port.readFile(owner, repo, file));
      expect((await runGitCli(env.scratch, dest, ["rev-parse", "HEAD", "HEAD^"])).trim().split("\n")).toEqual([
        commit.sha,
        head,
      ]);
      const diff = await runGitCli(env.scratch, dest, ["diff-tree", "--no-commit-id", "--name-status", "-r", "HEAD"]);
      const statuses = diff
        .trim()
        .split("\n")
        .map((l) => l.split("\t").join(" "))
        .sort();
      expect(statuses).toEqual(["A dir/sub/d.txt", "A new/top.yaml", "D gone.txt", "M README.md"]);
    });

    it("a stale expectedHead throws HeadMovedError and changes nothing", async () => {
      const { port } = getEnv();
      const { owner, repo, head } = await createSeededRepo(getEnv(), SEED);
      const next = await port.commitFiles({
        owner,
        repo,
        branch: "main",
        message: "move",
        changes: [{ path: "keep.txt", content: "v2\n" }],
        expectedHead: head,
      });
      const stale = port.commitFiles({
        owner,
        repo,
        branch: "main",
        message: "late",
        changes: [{ path: "late.txt", content: "x" }],
        expectedHead: head,
      });
      await expect(stale).rejects.toBeInstanceOf(HeadMovedError);
      await expect(stale).rejects.toMatchObject({ branch: "main", expected: head, actual: next.sha });
      expect(await port.branchHead(owner, repo, "main")).toBe(next.sha);
      expect(await port.readFile(owner, repo, "late.txt")).toBeNull();
      expect(await port.listCommits(owner, repo, { branch: "main" })).toHaveLength(2);

      const again = port.commitFiles({
        owner,
        repo,
        branch: "main",
        message: "again",
        changes: [{ path: "x", content: "x" }],
        expectedHead: null,
      });
      await expect(again).rejects.toBeInstanceOf(HeadMovedError);
    });

    it("concurrent commits with the same expectedHead: exactly one wins, the others get HeadMovedError", async () => {
      const { port } = getEnv();
      const { owner, repo, head } = await createSeededRepo(getEnv(), SEED);
      const writers = [1, 2, 3, 4, 5].map((n) =>
        port.commitFiles({
          owner,
          repo,
          branch: "main",
          message: `writer ${n}`,
          changes: [{ path: "keep.txt", content: `writer ${n}\n` }],
          expectedHead: head,
        }),
      );
      const results = await Promise.allSettled(writers);
      const won = results.flatMap((r, i) => (r.status === "fulfilled" ? [{ sha: r.value.sha, n: i + 1 }] : []));
      const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
      expect(won).toHaveLength(1);
      for (const reason of lost) expect(reason).toBeInstanceOf(HeadMovedError);
      expect(await port.branchHead(owner, repo, "main")).toBe(won[0]?.sha);
      expect(await port.readFile(owner, repo, "keep.txt")).toBe(`writer ${won[0]?.n}\n`);
      expect(await port.listCommits(owner, repo, { branch: "main" })).toHaveLength(2);
    });

    it("listCommits is newest first, honours limit and filters by path", async () => {
      const { port } = getEnv();
      const { owner, repo, head } = await createSeededRepo(getEnv(), SEED);
      const one = await port.commitFiles({
        owner,
        repo,
        branch: "main",
        message: "one",
        changes: [{ path: "dir/b.txt", content: "b1" }],
        expectedHead: head,
      });
      const two = await port.commitFiles({
        owner,
        repo,
        branch: "main",
        message: "two",
        changes: [{ path: "keep.txt", content: "k2" }],
        expectedHead: one.sha,
      });
      const three = await port.commitFiles({
        owner,
        repo,
        branch: "main",
        message: "three",
        changes: [{ path: "dir/b.txt", content: "b3" }],
        expectedHead: two.sha,
      });

      const all = await port.listCommits(owner, repo, { branch: "main" });
      expect(all.map((c) => c.message)).toEqual(["three", "two", "one", "seed"]);
      expect(all.map((c) => c.sha)).toEqual([three.sha, two.sha, one.sha, head]);
      expect(all[0]?.htmlUrl).toContain(three.sha);
      expect((await port.listCommits(owner, repo, { branch: "main", limit: 2 })).map((c) => c.message)).toEqual([
        "three",
        "two",
      ]);
      expect(
        (await port.listCommits(owner, repo, { branch: "main", path: "dir/b.txt" })).map((c) => c.message),
      ).toEqual(["three", "one", "seed"]);
      expect(
        (await port.listCommits(owner, repo, { branch: "main", path: "dir/b.txt", limit: 1 })).map((c) => c.sha),
      ).toEqual([three.sha]);
      expect(await port.listCommits(owner, repo, { branch: "no-such-branch" })).toEqual([]);
    });

    it("a commit that changes nothing makes no commit and returns the head", async () => {
      const { port } = getEnv();
      const { owner, repo, head } = await createSeededRepo(getEnv(), SEED);
      const changes = [
        { path: "keep.txt", content: "same\n" },
        { path: "never-existed.txt", delete: true as const },
      ];
      const result = await port.commitFiles({
        owner,
        repo,
        branch: "main",
        message: "noop",
        changes,
        expectedHead: head,
      });
      expect(result.sha).toBe(head);
      expect(await port.listCommits(owner, repo, { branch: "main" })).toHaveLength(1);
    });

    it("readFile of a missing file or a directory is null; bad input is refused", async () => {
      const { port } = getEnv();
      const { owner, repo, head } = await createSeededRepo(getEnv(), SEED);
      expect(await port.readFile(owner, repo, "missing.txt")).toBeNull();
      expect(await port.readFile(owner, repo, "dir")).toBeNull();
      expect(await port.readFile(owner, repo, "README.md", "no-such-ref")).toBeNull();
      const bad = (changes: { path: string; content: string }[]) =>
        port.commitFiles({ owner, repo, branch: "main", message: "m", changes, expectedHead: head });
      await expect(bad([])).rejects.toBeInstanceOf(InvalidGitInputError);
      await expect(bad([{ path: "../outside", content: "x" }])).rejects.toBeInstanceOf(InvalidGitInputError);
      await expect(bad([{ path: ".git/config", content: "x" }])).rejects.toBeInstanceOf(InvalidGitInputError);
      await expect(
        bad([
          { path: "a", content: "1" },
          { path: "a", content: "2" },
        ]),
      ).rejects.toBeInstanceOf(InvalidGitInputError);
      // Forgejo's API cannot start an unrelated history next to existing branches.
      const orphan = port.commitFiles({
        owner,
        repo,
        branch: "orphan",
        message: "m",
        changes: [{ path: "a", content: "a" }],
        expectedHead: null,
      });
      await expect(orphan).rejects.toBeInstanceOf(InvalidGitInputError);
      expect(await port.branchHead(owner, repo, "main")).toBe(head);
    });
  });
}
