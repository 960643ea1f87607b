import { describe, expect, it } from "vitest";
import { getExportScope, resolveRepoDir } from "./git-source";

describe("git source", () => {
  it("maps repoURLs into the git root and nowhere else", () => {
    expect(resolveRepoDir("/data/git", "/data/git/platform/gitops.git")).toBe("/data/git/platform/gitops.git");
    expect(resolveRepoDir("/data/git", "https://forgejo.local/platform/gitops.git")).toBe(
      "/data/git/platform/gitops.git",
    );
    expect(resolveRepoDir("/data/git", "git@forgejo.local:platform/gitops")).toBe("/data/git/platform/gitops.git");
    expect(resolveRepoDir("/data/git", "/etc/passwd")).toBeNull();
    expect(resolveRepoDir("/data/git", "/data/git/../secrets.git")).toBeNull();
    expect(resolveRepoDir("/data/git", "https://forgejo.local/../gitops.git")).toBeNull();
  });

  it("exports the whole service for an overlay, and never leaves the repository", () => {
    expect(getExportScope("services/cart/overlays/dev")).toEqual({
      scope: "services/cart",
      path: "services/cart/overlays/dev",
    });
    expect(getExportScope("./apps/cart/")).toEqual({ scope: "apps/cart", path: "apps/cart" });
    expect(getExportScope("")).toEqual({ scope: "", path: "" });
    expect(getExportScope("../elsewhere")).toBeNull();
    expect(getExportScope("services/../../x")).toBeNull();
  });
});
