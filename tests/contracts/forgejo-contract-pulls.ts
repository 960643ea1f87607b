import path from "node:path";
import { describe, expect, it } from "vitest";
import { runGitCli, cloneTree } from "./contract-git-cli";
import { MergeConflictError, NotFoundError } from "@/lib/git/errors";
import { createSeededRepo, scratchDir, type ContractEnv } from "./forgejo-contract-fixtures";

/** A seeded repo with branch `head` one commit ahead of main. */
async function createRepoWithChange(env: ContractEnv, head: string, file: string, content: string) {
  const seeded = await createSeededRepo(env, { "overlays/dev/tag.yaml": "tag: v1\n", "README.md": "readme\n" });
  const { owner, repo } = seeded;
  await env.port.createBranch(owner, repo, head, seeded.head);
  const change = await env.port.commitFiles({
    owner,
    repo,
    branch: head,
    message: `set ${file}`,
    changes: [{ path: file, content }],
    expectedHead: seeded.head,
  });
  return { ...seeded, changeSha: change.sha };
}

export function describePullRequestContract(getEnv: () => ContractEnv): void {
  describe("pull requests", () => {
    it("openPullRequest is idempotent for the same head and base; getPullRequest reads it back", async () => {
      const { port } = getEnv();
      const { owner, repo } = await createRepoWithChange(getEnv(), "promote/v2", "overlays/dev/tag.yaml", "tag: v2\n");
      const input = {
        owner,
        repo,
        head: "promote/v2",
        base: "main",
        title: "Promote v2",
        body: "Sets the dev tag to v2.",
      };
      const pr = await port.openPullRequest(input);
      expect(pr).toMatchObject({
        title: "Promote v2",
        body: "Sets the dev tag to v2.",
        head: "promote/v2",
        base: "main",
        state: "open",
        mergeSha: null,
      });
      expect(pr.number).toBeGreaterThan(0);
      expect(pr.htmlUrl).toContain(String(pr.number));
      expect(await port.openPullRequest({ ...input, title: "Another title" })).toEqual(pr);
      expect(await port.getPullRequest(owner, repo, pr.number)).toEqual(pr);
      expect(await port.getPullRequest(owner, repo, pr.number + 1000)).toBeNull();
    });

    it("merging creates a merge commit on the base, and merging again returns the merged PR", async () => {
      const env = getEnv();
      const { port } = env;
      const { owner, repo, head, changeSha } = await createRepoWithChange(
        env,
        "promote/v3",
        "overlays/dev/tag.yaml",
        "tag: v3\n",
      );
      const pr = await port.openPullRequest({
        owner,
        repo,
        head: "promote/v3",
        base: "main",
        title: "Promote v3",
        body: "",
      });

      const merged = await port.mergePullRequest(owner, repo, pr.number);
      expect(merged).toMatchObject({ number: pr.number, state: "merged" });
      expect(merged.mergeSha).toMatch(/^[0-9a-f]{40}$/);
      expect(await port.branchHead(owner, repo, "main")).toBe(merged.mergeSha);
      expect(await port.readFile(owner, repo, "overlays/dev/tag.yaml")).toBe("tag: v3\n");
      expect(await port.getPullRequest(owner, repo, pr.number)).toEqual(merged);
      expect(await port.mergePullRequest(owner, repo, pr.number)).toEqual(merged);
      expect(await port.branchHead(owner, repo, "main")).toBe(merged.mergeSha);

      const dest = path.join(await scratchDir(env, "merge"), "repo");
      const tree = await cloneTree(env.scratch, env.cloneUrl(owner, repo), dest, "main");
      expect(tree.get("overlays/dev/tag.yaml")).toBe("tag: v3\n");
      const parents = (await runGitCli(env.scratch, dest, ["rev-list", "--parents", "-n", "1", "HEAD"]))
        .trim()
        .split(" ");
      expect(parents).toEqual([merged.mergeSha, head, changeSha]);
    });

    it("merges main into a long-lived branch (branch promotion): only that branch moves", async () => {
      const { port } = getEnv();
      const seeded = await createSeededRepo(getEnv(), { "overlays/prod/tag.yaml": "tag: v1\n" });
      const { owner, repo } = seeded;
      await port.createBranch(owner, repo, "production", seeded.head);
      const change = await port.commitFiles({
        owner,
        repo,
        branch: "main",
        message: "prod v2",
        changes: [{ path: "overlays/prod/tag.yaml", content: "tag: v2\n" }],
        expectedHead: seeded.head,
      });
      expect(
        (await port.listCommitsBetween(owner, repo, { head: change.sha, base: seeded.head })).map((c) => c.sha),
      ).toEqual([change.sha]);
      // Main as it was when the promotion was requested, pinned by a branch of its own.
      await port.createBranch(owner, repo, "promote/prod-pinned", change.sha);
      const pr = await port.openPullRequest({
        owner,
        repo,
        head: "promote/prod-pinned",
        base: "production",
        title: "Promote main into production",
        body: "",
      });
      const merged = await port.mergePullRequest(owner, repo, pr.number, "Promote main into production");
      expect(await port.branchHead(owner, repo, "production")).toBe(merged.mergeSha);
      expect(await port.branchHead(owner, repo, "main")).toBe(change.sha);
      expect(await port.readFile(owner, repo, "overlays/prod/tag.yaml", "production")).toBe("tag: v2\n");
      expect(await port.listCommitsBetween(owner, repo, { head: change.sha, base: merged.mergeSha! })).toEqual([]);
    });

    it("a merge message given by the caller becomes the merge commit's message", async () => {
      const { port } = getEnv();
      const { owner, repo } = await createRepoWithChange(getEnv(), "scale", "README.md", "scaled\n");
      const pr = await port.openPullRequest({ owner, repo, head: "scale", base: "main", title: "Scale", body: "" });
      const merged = await port.mergePullRequest(owner, repo, pr.number, "Scale checkout to 3 replicas");
      const [latest] = await port.listCommits(owner, repo, { branch: "main", limit: 1 });
      expect(latest).toMatchObject({ sha: merged.mergeSha, message: "Scale checkout to 3 replicas" });
    });

    it("a conflicting merge throws MergeConflictError and leaves the PR open and the base untouched", async () => {
      const { port } = getEnv();
      const { owner, repo, head } = await createRepoWithChange(
        getEnv(),
        "promote/v4",
        "overlays/dev/tag.yaml",
        "tag: v4\n",
      );
      const pr = await port.openPullRequest({
        owner,
        repo,
        head: "promote/v4",
        base: "main",
        title: "Promote v4",
        body: "",
      });
      const rival = await port.commitFiles({
        owner,
        repo,
        branch: "main",
        message: "rival",
        changes: [{ path: "overlays/dev/tag.yaml", content: "tag: hotfix\n" }],
        expectedHead: head,
      });
      await expect(port.mergePullRequest(owner, repo, pr.number)).rejects.toBeInstanceOf(MergeConflictError);
      expect(await port.getPullRequest(owner, repo, pr.number)).toMatchObject({ state: "open", mergeSha: null });
      expect(await port.branchHead(owner, repo, "main")).toBe(rival.sha);
    });

    it("closing leaves the base and the branch untouched, is idempotent, and leaves merged PRs as they are", async () => {
      const { port } = getEnv();
      const { owner, repo, head, changeSha } = await createRepoWithChange(
        getEnv(),
        "promote/v5",
        "overlays/dev/tag.yaml",
        "tag: v5\n",
      );
      const input = { owner, repo, head: "promote/v5", base: "main", title: "Promote v5", body: "" };
      const pr = await port.openPullRequest(input);
      const closed = await port.closePullRequest(owner, repo, pr.number);
      expect(closed).toMatchObject({ number: pr.number, state: "closed", mergeSha: null });
      expect(await port.getPullRequest(owner, repo, pr.number)).toEqual(closed);
      expect(await port.closePullRequest(owner, repo, pr.number)).toEqual(closed);
      expect(await port.branchHead(owner, repo, "main")).toBe(head);
      expect(await port.branchHead(owner, repo, "promote/v5")).toBe(changeSha);
      // A new request for the same branches opens a new pull request, not the closed one.
      const reopened = await port.openPullRequest(input);
      expect(reopened.number).not.toBe(pr.number);
      const merged = await port.mergePullRequest(owner, repo, reopened.number);
      expect(await port.closePullRequest(owner, repo, reopened.number)).toEqual(merged);
      await expect(port.closePullRequest(owner, repo, pr.number + 1000)).rejects.toBeInstanceOf(NotFoundError);
    });

    it("pull requests need existing branches and merges need an existing PR", async () => {
      const { port } = getEnv();
      const { owner, repo } = await createSeededRepo(getEnv(), { "a.txt": "a" });
      const open = port.openPullRequest({ owner, repo, head: "no-such-branch", base: "main", title: "t", body: "" });
      await expect(open).rejects.toBeInstanceOf(NotFoundError);
      await expect(port.mergePullRequest(owner, repo, 4242)).rejects.toBeInstanceOf(NotFoundError);
    });

    it("comments on a pull request and lists them oldest first; a missing pull request is NotFoundError", async () => {
      const { port } = getEnv();
      const { owner, repo } = await createRepoWithChange(getEnv(), "feature/preview", "a.txt", "preview\n");
      const pr = await port.openPullRequest({
        owner,
        repo,
        head: "feature/preview",
        base: "main",
        title: "t",
        body: "",
      });
      expect(await port.listPullRequestComments(owner, repo, pr.number)).toEqual([]);
      const first = await port.commentOnPullRequest(owner, repo, pr.number, "Preview: https://x.dev.example.com");
      const second = await port.commentOnPullRequest(owner, repo, pr.number, "second");
      expect(first.body).toBe("Preview: https://x.dev.example.com");
      expect(first.id).not.toBe(second.id);
      expect(first.author).not.toBe("");
      expect((await port.listPullRequestComments(owner, repo, pr.number)).map((c) => c.body)).toEqual([
        "Preview: https://x.dev.example.com",
        "second",
      ]);
      await expect(port.commentOnPullRequest(owner, repo, pr.number + 1000, "x")).rejects.toBeInstanceOf(NotFoundError);
      await expect(port.listPullRequestComments(owner, repo, pr.number + 1000)).rejects.toBeInstanceOf(NotFoundError);
    });
  });
}
