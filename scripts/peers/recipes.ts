import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { GoPeer } from "./go-build";

// Pinned peers for `npm run test:peers`. Versions are what the Go module proxy serves here:
// - Forgejo's module host (forgejo.org) is not reachable through the module proxy, so the API it
//   forked from, Gitea, stands in. Gitea 1.27 needs modules from gitea.dev and gitlab.com that the
//   proxy does not serve either; 1.26.0 builds from the proxy alone.
// - Dex's v2 tags are not Go modules (its module path has no /v2), so it is pinned by the
//   pseudo-version of a commit, the one the proxy serves: 2026-08-06 on master, which has groups
//   for static users (dexidp/dex#4456).

export const giteaPeer: GoPeer = {
  name: "gitea",
  module: "code.gitea.io/gitea",
  version: "v1.26.0",
  binaries: { gitea: "." },
  // SQLite, no web assets: the API is all the tests use.
  tags: ["sqlite", "sqlite_unlock_notify"],
  ldflags: "-s -w -X main.Version=1.26.0",
};

export const dexPeer: GoPeer = {
  name: "dex",
  module: "github.com/dexidp/dex",
  version: "v0.0.0-20260806151424-ab64ed778070",
  binaries: { dex: "./cmd/dex" },
  ldflags: "-s -w",
  // The repo builds its gRPC admin API from ./api/v2, a nested module that a module zip leaves
  // out, and the only published api/v2 on the proxy (v2.4.0) predates this commit's API. The tests
  // configure Dex statically and never use that API, so this build leaves it out.
  prepare: async (src, go) => {
    await go(
      ["mod", "edit", "-dropreplace", "github.com/dexidp/dex/api/v2", "-droprequire", "github.com/dexidp/dex/api/v2"],
      { cwd: src },
    );
    const serve = path.join(src, "cmd", "dex", "serve.go");
    const patched = replaceExactly(readFileSync(serve, "utf8"), [
      ['\t"github.com/dexidp/dex/api/v2"\n', ""],
      ['\t"github.com/dexidp/dex/server/apiserver"\n', ""],
      [
        /\t\tapi\.RegisterDexServer\(grpcSrv, apiserver\.NewAPI\([^\n]*\n/,
        '\t\tlogger.Warn("grpc: the admin API is not part of this test build")\n',
      ],
    ]);
    writeFileSync(serve, patched);
  },
};

/** Applies each replacement once; a pin bump that moves the code fails loudly here, not in go build. */
function replaceExactly(text: string, edits: [string | RegExp, string][]): string {
  return edits.reduce((out, [from, to]) => {
    const next = out.replace(from, to);
    if (next === out)
      throw new Error(
        `dex recipe: ${String(from)} not found in cmd/dex/serve.go; update scripts/peers/recipes.ts for this version`,
      );
    return next;
  }, text);
}

/**
 * Helm renders the chart in deploy/helm/slipway for the install tests (`helm template`). Helm 4 is
 * the current major; 4.3.2 is the newest the module proxy serves and its go.mod asks for go 1.26.
 */
export const helmPeer: GoPeer = {
  name: "helm",
  module: "helm.sh/helm/v4",
  version: "v4.3.2",
  binaries: { helm: "./cmd/helm" },
  ldflags:
    "-s -w -X helm.sh/helm/v4/internal/version.version=v4.3.2 -X helm.sh/helm/v4/internal/version.gitTreeState=clean",
};

/**
 * The Kyverno CLI (`kyverno apply`) is the reference the policy-gate comparison runs Slipway's
 * evaluator against. 1.19.1 is the newest release the module proxy serves; its go.mod asks for
 * go 1.26.6.
 */
export const kyvernoPeer: GoPeer = {
  name: "kyverno",
  module: "github.com/kyverno/kyverno",
  version: "v1.19.1",
  binaries: { kyverno: "./cmd/cli/kubectl-kyverno" },
  ldflags: "-s -w -X github.com/kyverno/kyverno/pkg/version.BuildVersion=v1.19.1",
};
