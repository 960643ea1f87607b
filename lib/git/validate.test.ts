import { describe, expect, it } from "vitest";
import { InvalidGitInputError } from "./errors";
import {
  assertBranchName,
  assertOwnerName,
  assertRepoName,
  composeMergeMessage,
  isUnderDir,
  normalizeChanges,
  normalizeDir,
  normalizeFilePath,
  splitMergeMessage,
} from "./validate";

describe("git input validation", () => {
  it("accepts Forgejo-style names and refuses anything that could escape a directory", () => {
    for (const ok of ["payments", "team-a", "a.b_c", "A1"]) expect(() => assertOwnerName(ok)).not.toThrow();
    for (const bad of ["", "-x", "x-", "a..b", "../x", "a/b", ".hidden", "x".repeat(41)]) {
      expect(() => assertOwnerName(bad)).toThrow(InvalidGitInputError);
    }
    for (const ok of ["svc", "my.service", "_x", "a-b"]) expect(() => assertRepoName(ok)).not.toThrow();
    for (const bad of ["", ".", "..", "a/b", "x.git", "X.WIKI", "sp ace"])
      expect(() => assertRepoName(bad)).toThrow(InvalidGitInputError);
  });

  it("applies git's branch name rules", () => {
    for (const ok of ["main", "promote/checkout-v2", "release-1.2", "a@b"])
      expect(() => assertBranchName(ok)).not.toThrow();
    for (const bad of [
      "",
      "@",
      "-x",
      "a..b",
      "a//b",
      "/a",
      "a/",
      "a.lock",
      "a/.b",
      "a b",
      "a:b",
      "a~1",
      "a^",
      "a?",
      "a*",
      "a[",
      "a\\b",
      "a@{1}",
      "a.",
    ]) {
      expect(() => assertBranchName(bad)).toThrow(InvalidGitInputError);
    }
  });

  it("normalizes file paths and directories", () => {
    expect(normalizeFilePath("./services/a.yaml")).toBe("services/a.yaml");
    for (const bad of ["", "/abs", "a//b", "a/../b", "..", ".git/config", "a/.GIT/x", "a\nb"]) {
      expect(() => normalizeFilePath(bad)).toThrow(InvalidGitInputError);
    }
    expect(["", ".", "/", "./"].map(normalizeDir)).toEqual(["", "", "", ""]);
    expect(normalizeDir("/services/x/")).toBe("services/x");
    expect(isUnderDir("services/x/a", "services/x")).toBe(true);
    expect(isUnderDir("services/xy/a", "services/x")).toBe(false);
    expect(isUnderDir("anything", "")).toBe(true);
  });

  it("refuses empty and duplicate change lists", () => {
    expect(() => normalizeChanges([])).toThrow(InvalidGitInputError);
    expect(() =>
      normalizeChanges([
        { path: "a", content: "" },
        { path: "./a", delete: true },
      ]),
    ).toThrow(InvalidGitInputError);
    expect(
      normalizeChanges([
        { path: "./a", content: "x" },
        { path: "b", delete: true },
      ]),
    ).toEqual([
      { path: "a", content: "x" },
      { path: "b", delete: true },
    ]);
  });

  it("splits merge messages the way Forgejo joins title and body", () => {
    expect(splitMergeMessage("  Title \n\n body line\n")).toEqual({ title: "Title", body: "body line" });
    expect(composeMergeMessage("Title\nbody")).toBe("Title\n\nbody");
    expect(composeMergeMessage("Only a title\n")).toBe("Only a title");
  });
});
