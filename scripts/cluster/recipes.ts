import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { KUSTOMIZE_VERSION } from "@/lib/integrations/kustomize";
import type { GoPeer, GoRunner } from "../peers/go-build";

// Pinned peers for the opt-in "real cluster" tier: etcd + kube-apiserver/controller-manager/
// scheduler + kwok (fake nodes) + ArgoCD. Versions are what the Go module proxy serves here and
// what Go 1.26 (GOTOOLCHAIN=local) can build; the README ("Tests", cluster tier) has the table.
// - Kubernetes 1.36.3: ArgoCD 3.5 is built against client-go 0.36, kwok 0.8.0 against 0.36 too.
//   (Kubernetes 1.37 would pair with ArgoCD 3.6, whose go.mod says go 1.27.)
// - ArgoCD 3.5.3 rather than 3.5.7: the repo's gitops-engine is a nested module the argo-cd zip
//   leaves out, and the proxy only serves it at the commits of v3.5.2 and v3.5.3.
// - etcd 3.6.16: same minor as the client Kubernetes 1.36 vendors (3.6.8), newest 3.6 patch.

export const KUBERNETES_VERSION = "v1.36.3";
const STAGING_VERSION = "v0.36.3";
export const ETCD_VERSION = "v3.6.16";
export const KWOK_VERSION = "v0.8.0";
export const ARGOCD_VERSION = "v3.5.3";
// Flux 1.9.6: the newest controllers whose go.mod says go 1.26 and client-go 0.36 (1.10 needs go 1.27).
export const FLUX_SOURCE_VERSION = "v1.9.6";
export const FLUX_KUSTOMIZE_VERSION = "v1.9.6";
// Patch releases of fluxcd/pkg modules the module proxy here does not serve (403), replaced by the
// nearest patch it does.
const FLUX_PKG_DOWNGRADES = ["github.com/fluxcd/pkg/artifact=github.com/fluxcd/pkg/artifact@v0.18.1"];
// Commit of the v3.5.3 tag (2026-09-14T07:15:20Z), published as a pseudo-version of the nested module.
const GITOPS_ENGINE_VERSION = "v0.0.0-20260914071520-c9c369efcc5b";

type ModJson = {
  Require?: { Path: string; Version: string }[];
  Replace?: { Old: { Path: string; Version?: string }; New: { Path: string; Version?: string } }[];
};

/**
 * Turns a repository module into a wrapper of published modules: every replace pointing at a
 * directory (which a module zip never contains) is redirected to `publishedVersion(path)` when the
 * module is required, and dropped when it is not. Then fills go.sum for `packages` so the
 * readonly `go list`/`go build` that follow find every checksum.
 */
async function pinPublishedModules(
  src: string,
  go: GoRunner,
  publishedVersion: (modulePath: string) => string | undefined,
  packages: string[],
  replacements: string[] = [],
): Promise<void> {
  const mod = JSON.parse(await go(["mod", "edit", "-json"], { cwd: src })) as ModJson;
  const required = new Set((mod.Require ?? []).map((r) => r.Path));
  const edits: string[] = replacements.map((r) => `-replace=${r}`);
  for (const { Old, New } of mod.Replace ?? []) {
    if (!New.Path.startsWith(".")) continue;
    const version = publishedVersion(Old.Path);
    if (required.has(Old.Path) && version) edits.push(`-replace=${Old.Path}=${Old.Path}@${version}`);
    else if (required.has(Old.Path))
      throw new Error(`${Old.Path} is replaced by ${New.Path} and no published version is known for it`);
    else edits.push(`-dropreplace=${Old.Path}`);
  }
  if (edits.length) await go(["mod", "edit", ...edits], { cwd: src });
  // A go.work would pull the missing ./staging directories back in, and a vendor/ directory (the
  // zip keeps only vendor/OWNERS) switches Go to -mod=vendor.
  for (const f of ["go.work", "go.work.sum", "vendor"]) rmSync(path.join(src, f), { recursive: true, force: true });
  // -mod=mod records the checksums of the newly published modules (verified via the proxy's sumdb).
  await go(["list", "-mod=mod", "-deps", "-f", "{{.ImportPath}}", ...packages], { cwd: src });
}

const kubeVersionLdflags = (pkg: string) =>
  [
    `-X ${pkg}.gitVersion=${KUBERNETES_VERSION}`,
    `-X ${pkg}.gitMajor=1`,
    `-X ${pkg}.gitMinor=${KUBERNETES_VERSION.split(".")[1]}`,
    `-X ${pkg}.gitTreeState=clean`,
    `-X ${pkg}.buildDate=2026-01-01T00:00:00Z`,
  ].join(" ");

const kubernetesBinaries = {
  "kube-apiserver": "./cmd/kube-apiserver",
  "kube-controller-manager": "./cmd/kube-controller-manager",
  "kube-scheduler": "./cmd/kube-scheduler",
};

/** One source copy, three binaries: they share most of their ~2,000 packages. */
export const kubernetesPeer: GoPeer = {
  name: "kubernetes",
  module: "k8s.io/kubernetes",
  version: KUBERNETES_VERSION,
  binaries: kubernetesBinaries,
  // Without the version stamp the binaries report v0.0.0, which clients (kwok, ArgoCD) misread.
  ldflags: `-s -w ${kubeVersionLdflags("k8s.io/component-base/version")} ${kubeVersionLdflags("k8s.io/client-go/pkg/version")}`,
  prepare: async (src, go) => {
    // go.mod points every k8s.io/* staging module at ./staging/src/k8s.io/<x>; the zip has none of them.
    await pinPublishedModules(
      src,
      go,
      (p) => (p.startsWith("k8s.io/") ? STAGING_VERSION : undefined),
      Object.values(kubernetesBinaries),
    );
  },
};

export const etcdPeer: GoPeer = {
  name: "etcd",
  module: "go.etcd.io/etcd/server/v3",
  version: ETCD_VERSION,
  // server/main.go is the etcd binary (etcdmain).
  binaries: { etcd: "." },
  ldflags: "-s -w",
  prepare: async (src, go) => {
    // ../api, ../client/pkg, ../client/v3, ../pkg are sibling modules released with the same tag.
    await pinPublishedModules(src, go, (p) => (p.startsWith("go.etcd.io/etcd/") ? ETCD_VERSION : undefined), ["."]);
  },
};

export const kwokPeer: GoPeer = {
  name: "kwok",
  module: "sigs.k8s.io/kwok",
  version: KWOK_VERSION,
  binaries: { kwok: "./cmd/kwok" },
  ldflags: "-s -w",
};

/** ArgoCD's repo-server shells out to `kustomize build`; 5.8.1 is what ArgoCD 3.5 ships (hack/tool-versions.sh). */
export const kustomizePeer: GoPeer = {
  name: "kustomize",
  module: "sigs.k8s.io/kustomize/kustomize/v5",
  version: KUSTOMIZE_VERSION,
  binaries: { kustomize: "." },
  ldflags: `-s -w -X sigs.k8s.io/kustomize/api/provenance.version=${KUSTOMIZE_VERSION}`,
};

export const argocdPeer: GoPeer = {
  name: "argocd",
  module: "github.com/argoproj/argo-cd/v3",
  version: ARGOCD_VERSION,
  // A multi-call binary: argv[0] (or ARGOCD_BINARY_NAME) picks argocd-repo-server,
  // argocd-application-controller, ... The cluster starter runs it with ARGOCD_BINARY_NAME.
  binaries: { argocd: "./cmd" },
  ldflags: `-s -w -X github.com/argoproj/argo-cd/v3/common.version=${ARGOCD_VERSION.slice(1)}`,
  prepare: async (src, go) => {
    await pinPublishedModules(
      src,
      go,
      (p) => (p === "github.com/argoproj/argo-cd/gitops-engine" ? GITOPS_ENGINE_VERSION : undefined),
      ["./cmd"],
    );
  },
};

/** Flux's source-controller: serves GitRepository artifacts to the kustomize-controller over HTTP. */
export const fluxSourcePeer: GoPeer = {
  name: "flux-source-controller",
  module: "github.com/fluxcd/source-controller",
  version: FLUX_SOURCE_VERSION,
  binaries: { "source-controller": "." },
  ldflags: "-s -w",
  prepare: async (src, go) => {
    // A test-only requirement whose version the module proxy here refuses (403); the binary never imports it.
    await go(["mod", "edit", "-droprequire=github.com/fluxcd/pkg/helmtestserver"], { cwd: src });
    // ./api is released as its own module with the same tag.
    await pinPublishedModules(
      src,
      go,
      (p) => (p === "github.com/fluxcd/source-controller/api" ? FLUX_SOURCE_VERSION : undefined),
      ["."],
      FLUX_PKG_DOWNGRADES,
    );
  },
};

/** Flux's kustomize-controller: applies a Kustomization built from a source artifact. */
export const fluxKustomizePeer: GoPeer = {
  name: "flux-kustomize-controller",
  module: "github.com/fluxcd/kustomize-controller",
  version: FLUX_KUSTOMIZE_VERSION,
  binaries: { "kustomize-controller": "." },
  ldflags: "-s -w",
  prepare: async (src, go) => {
    await pinPublishedModules(
      src,
      go,
      (p) => (p === "github.com/fluxcd/kustomize-controller/api" ? FLUX_KUSTOMIZE_VERSION : undefined),
      ["."],
      FLUX_PKG_DOWNGRADES,
    );
  },
};

export const fluxPeers: GoPeer[] = [fluxSourcePeer, fluxKustomizePeer];

/** Build order: smallest first, so a broken proxy shows up before the hour-long builds. */
export const clusterPeers: GoPeer[] = [kustomizePeer, etcdPeer, kwokPeer, argocdPeer, kubernetesPeer];

/** The CRDs ArgoCD needs, read from the built ArgoCD module source. */
export function argocdCrdFiles(argocdSrcDir: string): string[] {
  const dir = path.join(argocdSrcDir, "manifests", "crds");
  const files = ["application-crd.yaml", "appproject-crd.yaml", "applicationset-crd.yaml"].map((f) =>
    path.join(dir, f),
  );
  for (const f of files) if (!existsSync(f)) throw new Error(`missing ArgoCD CRD ${f}`);
  return files;
}

export function readText(file: string): string {
  return readFileSync(file, "utf8");
}
