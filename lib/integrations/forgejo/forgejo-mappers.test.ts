import { describe, expect, it } from "vitest";
import { gitBlobSha } from "./forgejo-commit";
import { toCommitInfo, toPullRequest } from "./forgejo-mappers";

describe("Forgejo SDK → domain mapping", () => {
  it("derives the pull request state from merged/state", () => {
    const base = {
      number: 3,
      title: "t",
      head: { ref: "h" },
      base: { ref: "main" },
      html_url: "u",
      merge_commit_sha: "abc",
    };
    expect(toPullRequest({ ...base, state: "open", merged: false })).toMatchObject({
      state: "open",
      mergeSha: null,
      body: "",
    });
    expect(toPullRequest({ ...base, state: "closed", merged: true })).toMatchObject({
      state: "merged",
      mergeSha: "abc",
    });
    expect(toPullRequest({ ...base, state: "closed", merged: false })).toMatchObject({
      state: "closed",
      mergeSha: null,
    });
  });

  it("trims commit messages and normalizes dates to UTC ISO", () => {
    const info = toCommitInfo({
      sha: "s",
      html_url: "u",
      commit: { message: "msg\n\n", author: { name: "Ada", date: "2024-05-01T12:00:00+02:00" } },
    });
    expect(info).toEqual({ sha: "s", message: "msg", author: "Ada", date: "2024-05-01T10:00:00.000Z", htmlUrl: "u" });
  });

  it("computes git blob ids like `git hash-object`", () => {
    expect(gitBlobSha("hello")).toBe("b6fc4c620b67d95f953a5c1c1230aaab5db5a1b0");
    expect(gitBlobSha("")).toBe("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
  });
});
