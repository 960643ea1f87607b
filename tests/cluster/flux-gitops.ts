import { getEnv } from "@/lib/env";
import { createKubeClients, mergePatch, serverSideApply } from "@/lib/integrations/kubernetes/kube-client";
import { sleep } from "@/lib/sleep";
import { giteaApiOf, peerForgejo } from "@/tests/peers";

// A GitOps repository on the real Gitea and the Flux objects that follow one of its branches, for
// the cluster tier's Flux tests (flux-branch-promotion.cluster.test.ts).

export const FLUX_NAMESPACE = "flux-system";
const gitRepositories = { group: "source.toolkit.fluxcd.io", version: "v1", plural: "gitrepositories" } as const;
const kustomizations = { group: "kustomize.toolkit.fluxcd.io", version: "v1", plural: "kustomizations" } as const;

export type Condition = { type: string; status: string; reason?: string; message?: string };
export type KustomizationStatus = {
  conditions?: Condition[];
  lastAppliedRevision?: string;
  lastAttemptedRevision?: string;
};

const b64 = (text: string) => Buffer.from(text).toString("base64");
export const readyCondition = (status: KustomizationStatus) => status.conditions?.find((c) => c.type === "Ready");

export function fluxGitops(opts: { repo: string; name: string }) {
  const gitea = peerForgejo();
  const api = giteaApiOf(gitea);
  const repoPath = `/repos/${gitea.username}/${opts.repo}`;
  const clients = () => createKubeClients({ kubeconfigPath: getEnv().SLIPWAY_KUBECONFIG, namespace: FLUX_NAMESPACE });
  const ref = { namespace: FLUX_NAMESPACE, name: opts.name };

  async function gitea200<T>(method: string, pathname: string, body?: unknown): Promise<T> {
    const res = await api<T>(method, pathname, body);
    if (res.status >= 300)
      throw new Error(`Gitea ${method} ${pathname}: HTTP ${res.status} ${JSON.stringify(res.json)}`);
    return res.json;
  }

  async function applyFlux(
    api: typeof gitRepositories | typeof kustomizations,
    apiVersion: string,
    kind: string,
    name: string,
    spec: Record<string, unknown>,
  ): Promise<void> {
    const metadata = { name, namespace: FLUX_NAMESPACE };
    await clients().custom.patchNamespacedCustomObject(
      {
        ...api,
        ...metadata,
        fieldManager: "slipway-cluster-test",
        force: true,
        body: { apiVersion, kind, metadata, spec },
      },
      serverSideApply(),
    );
  }

  /** Polls a Kustomization until `done` says so; the error carries the last status. */
  async function waitForKustomization(
    name: string,
    what: string,
    done: (status: KustomizationStatus) => boolean,
    timeoutMs = 180_000,
  ): Promise<KustomizationStatus> {
    const { custom } = clients();
    const deadline = Date.now() + timeoutMs;
    let last: KustomizationStatus = {};
    while (Date.now() < deadline) {
      const obj = (await custom.getNamespacedCustomObject({ ...kustomizations, namespace: FLUX_NAMESPACE, name })) as {
        status?: KustomizationStatus;
      };
      last = obj.status ?? {};
      if (done(last)) return last;
      await sleep(500);
    }
    throw new Error(`Kustomization ${name} never ${what}; last status: ${JSON.stringify(last)}`);
  }

  return {
    gitea,
    async createRepo(files: Record<string, string>, branches: string[]): Promise<void> {
      await gitea200("POST", "/user/repos", {
        name: opts.repo,
        auto_init: true,
        default_branch: "main",
        private: true,
      });
      await gitea200("POST", `${repoPath}/contents`, {
        branch: "main",
        message: "initial manifests",
        files: Object.entries(files).map(([path, text]) => ({ operation: "create", path, content: b64(text) })),
      });
      for (const branch of branches)
        await gitea200("POST", `${repoPath}/branches`, { new_branch_name: branch, old_branch_name: "main" });
    },
    async branchHead(branch: string): Promise<string> {
      return (await gitea200<{ commit: { id: string } }>("GET", `${repoPath}/branches/${branch}`)).commit.id;
    },
    /** One commit on `branch` replacing a file's content. */
    async putFile(branch: string, path: string, text: string, message: string): Promise<void> {
      const file = await gitea200<{ sha: string }>("GET", `${repoPath}/contents/${path}?ref=${branch}`);
      await gitea200("PUT", `${repoPath}/contents/${path}`, { branch, message, sha: file.sha, content: b64(text) });
    },
    /** Opens a pull request `head` → `base` and merges it (a merge commit). */
    async mergeBranch(head: string, base: string): Promise<void> {
      const pr = await gitea200<{ number: number }>("POST", `${repoPath}/pulls`, {
        head,
        base,
        title: `Promote ${head} to ${base}`,
      });
      // Gitea checks mergeability in the background after a pull request opens; merging before that is refused (405).
      const deadline = Date.now() + 30_000;
      for (;;) {
        const res = await api("POST", `${repoPath}/pulls/${pr.number}/merge`, { Do: "merge" });
        if (res.status < 300) return;
        if (Date.now() > deadline)
          throw new Error(`merge of pull request ${pr.number}: HTTP ${res.status} ${JSON.stringify(res.json)}`);
        await sleep(500);
      }
    },
    /** A GitRepository following `branch` and a Kustomization applying `path` from it, waiting for health. */
    async applyFluxObjects(branch: string, path: string): Promise<void> {
      const url = `${gitea.url}/${gitea.username}/${opts.repo}.git`;
      await applyFlux(gitRepositories, "source.toolkit.fluxcd.io/v1", "GitRepository", opts.name, {
        interval: "1m",
        timeout: "30s",
        url,
        ref: { branch },
        // The repository is private: scripts/cluster/test-cluster.ts creates this basic-auth Secret.
        secretRef: { name: "gitea-credentials" },
      });
      await this.applyKustomization(opts.name, { path });
    },
    /**
     * A Kustomization of the GitRepository; `spec` adds to or overrides the defaults (e.g. a
     * `kubeConfig.secretRef` delivering to another cluster, a `targetNamespace`).
     */
    async applyKustomization(name: string, spec: Record<string, unknown>): Promise<void> {
      // wait: Ready only once the workloads are rolled out (kwok's fake pods become Ready).
      await applyFlux(kustomizations, "kustomize.toolkit.fluxcd.io/v1", "Kustomization", name, {
        interval: "1m",
        timeout: "2m",
        prune: true,
        wait: true,
        sourceRef: { kind: "GitRepository", name: opts.name },
        ...spec,
      });
    },
    /** What Flux's notification receiver does on a push webhook: fetch now, not at the next interval. */
    async requestReconcile(): Promise<void> {
      await clients().custom.patchNamespacedCustomObject(
        {
          ...gitRepositories,
          ...ref,
          body: { metadata: { annotations: { "reconcile.fluxcd.io/requestedAt": new Date().toISOString() } } },
        },
        mergePatch(),
      );
    },
    readyAt: (revision: string, name = opts.name) =>
      waitForKustomization(
        name,
        `Ready at ${revision}`,
        (s) => readyCondition(s)?.status === "True" && s.lastAppliedRevision === revision,
      ),
    failedAt: (revision: string, name = opts.name) =>
      waitForKustomization(
        name,
        `failed at ${revision}`,
        (s) => readyCondition(s)?.status === "False" && s.lastAttemptedRevision === revision,
      ),
    async image(namespace: string, deployment: string): Promise<string | undefined> {
      const dep = await clients().apps.readNamespacedDeployment({ name: deployment, namespace });
      return dep.spec?.template.spec?.containers[0]?.image;
    },
  };
}
