import { describe, expect, it } from "vitest";
import { HeadMovedError, InvalidGitInputError, NotFoundError } from "@/lib/git/errors";
import { createSeededRepo, type ContractEnv } from "./forgejo-contract-fixtures";

export function describeBranchContract(getEnv: () => ContractEnv): void {
  describe("branches", () => {
    it("createBranch points a new branch at a commit and is idempotent", async () => {
      const { port } = getEnv();
      const { owner, repo, head } = await createSeededRepo(getEnv(), { "a.txt": "a" });
      await port.createBranch(owner, repo, "feature/x", head);
      expect(await port.branchHead(owner, repo, "feature/x")).toBe(head);
      await port.createBranch(owner, repo, "feature/x", head);
      expect(await port.branchHead(owner, repo, "feature/x")).toBe(head);
    });

    it("commits on a branch leave the default branch alone", async () => {
      const { port } = getEnv();
      const { owner, repo, head } = await createSeededRepo(getEnv(), { "a.txt": "a" });
      await port.createBranch(owner, repo, "promote", head);
      const commit = await port.commitFiles({
        owner,
        repo,
        branch: "promote",
        message: "bump",
        changes: [{ path: "a.txt", content: "b" }],
        expectedHead: head,
      });
      expect(await port.branchHead(owner, repo, "promote")).toBe(commit.sha);
      expect(await port.branchHead(owner, repo, "main")).toBe(head);
      expect(await port.readFile(owner, repo, "a.txt")).toBe("a");
      expect(await port.readFile(owner, repo, "a.txt", "promote")).toBe("b");
      expect(await port.listFiles(owner, repo, "", "promote")).toEqual(["a.txt"]);
    });

    it("createBranch onto an existing branch pointing elsewhere is a HeadMovedError", async () => {
      const { port } = getEnv();
      const { owner, repo, head } = await createSeededRepo(getEnv(), { "a.txt": "a" });
      const next = await port.commitFiles({
        owner,
        repo,
        branch: "main",
        message: "next",
        changes: [{ path: "a.txt", content: "2" }],
        expectedHead: head,
      });
      await expect(port.createBranch(owner, repo, "main", head)).rejects.toBeInstanceOf(HeadMovedError);
      expect(await port.branchHead(owner, repo, "main")).toBe(next.sha);
    });

    it("createBranch from an unknown commit is a NotFoundError; bad names are refused", async () => {
      const { port } = getEnv();
      const { owner, repo } = await createSeededRepo(getEnv(), { "a.txt": "a" });
      await expect(
        port.createBranch(owner, repo, "ghost", "0123456789abcdef0123456789abcdef01234567"),
      ).rejects.toBeInstanceOf(NotFoundError);
      expect(await port.branchHead(owner, repo, "ghost")).toBeNull();
      await expect(
        port.createBranch(owner, repo, "bad..name", "0123456789abcdef0123456789abcdef01234567"),
      ).rejects.toBeInstanceOf(InvalidGitInputError);
      await expect(port.createBranch(owner, repo, "ok", "HEAD")).rejects.toBeInstanceOf(InvalidGitInputError);
    });
  });
}
