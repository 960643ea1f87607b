import { describe, expect, it } from "vitest";
import { InvalidGitInputError, NotFoundError } from "@/lib/git/errors";
import { createContractRepo, uniqueName, type ContractEnv } from "./forgejo-contract-fixtures";

export function describeRepoContract(getEnv: () => ContractEnv): void {
  describe("organisations and repositories", () => {
    it("ensureOrg is idempotent, also when called concurrently", async () => {
      const { port } = getEnv();
      const org = uniqueName("org");
      await Promise.all([port.ensureOrg(org), port.ensureOrg(org)]);
      await port.ensureOrg(org);
      const repo = await port.ensureRepo({ owner: org, name: "probe" });
      expect(repo.owner).toBe(org);
    });

    it("ensureRepo creates an empty repository once and then returns it with created=false", async () => {
      const { port } = getEnv();
      const owner = uniqueName("org");
      const name = uniqueName("svc");
      await port.ensureOrg(owner);

      const first = await port.ensureRepo({ owner, name, description: "contract", private: true });
      expect(first).toMatchObject({ owner, name, defaultBranch: "main", created: true });
      expect(first.htmlUrl).toContain(`${owner}/${name}`);
      expect(first.cloneUrl).not.toBe("");

      const again = await port.ensureRepo({ owner, name });
      expect(again).toEqual({ ...first, created: false });
      const { created: _created, ...ref } = first;
      expect(await port.getRepo(owner, name)).toEqual(ref);
    });

    it("concurrent ensureRepo calls create the repository exactly once", async () => {
      const { port } = getEnv();
      const owner = uniqueName("org");
      const name = uniqueName("race");
      await port.ensureOrg(owner);
      const results = await Promise.all([1, 2, 3].map(() => port.ensureRepo({ owner, name })));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.cloneUrl)).size).toBe(1);
    });

    it("organisation and repository names are case-insensitive and keep the case they were created with", async () => {
      const { port } = getEnv();
      const owner = `Org-${uniqueName("case")}`;
      const name = `Svc-${uniqueName("case")}`;
      await port.ensureOrg(owner);
      await port.ensureOrg(owner.toLowerCase());
      const created = await port.ensureRepo({ owner, name });
      const again = await port.ensureRepo({ owner: owner.toLowerCase(), name: name.toUpperCase() });
      expect(again).toMatchObject({ owner, name, created: false, cloneUrl: created.cloneUrl });
      expect(await port.getRepo(owner.toUpperCase(), name.toLowerCase())).toMatchObject({ owner, name });
      await port.deleteRepo(owner.toLowerCase(), name.toLowerCase());
      expect(await port.getRepo(owner, name)).toBeNull();
    });

    it("listRepos lists an organisation's repositories by name, and a missing organisation is a NotFoundError", async () => {
      const { port } = getEnv();
      const owner = uniqueName("org");
      await port.ensureOrg(owner);
      expect(await port.listRepos(owner)).toEqual([]);
      const b = await port.ensureRepo({ owner, name: "b-repo" });
      const a = await port.ensureRepo({ owner, name: "a-repo" });
      const strip = ({ created: _c, ...ref }: typeof a) => ref;
      expect(await port.listRepos(owner)).toEqual([strip(a), strip(b)]);
      await port.deleteRepo(owner, "b-repo");
      expect((await port.listRepos(owner)).map((r) => r.name)).toEqual(["a-repo"]);
      await expect(port.listRepos(uniqueName("nobody"))).rejects.toBeInstanceOf(NotFoundError);
    });

    it("ensureRepo in a missing organisation is a NotFoundError", async () => {
      const { port } = getEnv();
      await expect(port.ensureRepo({ owner: uniqueName("nobody"), name: "x" })).rejects.toBeInstanceOf(NotFoundError);
    });

    it("getRepo of a missing repository (or organisation) is null", async () => {
      const { port } = getEnv();
      const { owner } = await createContractRepo(getEnv());
      expect(await port.getRepo(owner, uniqueName("missing"))).toBeNull();
      expect(await port.getRepo(uniqueName("nobody"), "missing")).toBeNull();
    });

    it("deleteRepo removes the repository and is idempotent", async () => {
      const { port } = getEnv();
      const { owner, repo } = await createContractRepo(getEnv());
      await port.deleteRepo(owner, repo);
      expect(await port.getRepo(owner, repo)).toBeNull();
      await port.deleteRepo(owner, repo);
      await port.deleteRepo(uniqueName("nobody"), "missing");
      const recreated = await port.ensureRepo({ owner, name: repo });
      expect(recreated.created).toBe(true);
    });

    it("methods on a missing repository throw NotFoundError", async () => {
      const { port } = getEnv();
      const { owner } = await createContractRepo(getEnv());
      const repo = uniqueName("missing");
      await expect(port.branchHead(owner, repo, "main")).rejects.toBeInstanceOf(NotFoundError);
      await expect(port.readFile(owner, repo, "README.md")).rejects.toBeInstanceOf(NotFoundError);
      await expect(port.listFiles(owner, repo, "")).rejects.toBeInstanceOf(NotFoundError);
      await expect(port.listCommits(owner, repo, { branch: "main" })).rejects.toBeInstanceOf(NotFoundError);
      await expect(port.getPullRequest(owner, repo, 1)).rejects.toBeInstanceOf(NotFoundError);
      const commit = {
        owner,
        repo,
        branch: "main",
        message: "m",
        changes: [{ path: "a", content: "a" }],
        expectedHead: null,
      };
      await expect(port.commitFiles(commit)).rejects.toBeInstanceOf(NotFoundError);
    });

    it("names Forgejo would refuse are rejected before touching anything", async () => {
      const { port } = getEnv();
      await expect(port.ensureOrg("../escape")).rejects.toBeInstanceOf(InvalidGitInputError);
      await expect(port.ensureRepo({ owner: uniqueName("org"), name: "x.git" })).rejects.toBeInstanceOf(
        InvalidGitInputError,
      );
      await expect(port.getRepo("ok", "a/b")).rejects.toBeInstanceOf(InvalidGitInputError);
    });
  });
}
