import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { ForgejoPort } from "@/lib/git/forgejo-port";
import { getOverlayPaths, renderGitopsService, setImageTag } from "@/lib/gitops";
import { makeOptions, makeSpec } from "@/tests/gitops/fixtures";
import { createSandboxForgejo } from "@/lib/integrations/sandbox-git/sandbox-forgejo";
import { until } from "@/tests/until";

// Test support: a real sandbox GitOps repository with one service, and a webhook receiver.

export const svc = "payment-service";
export const spec = makeSpec({
  name: svc,
  language: "node",
  framework: "express",
  database: false,
  public: false,
  version: "0.1.0",
});
export const devNamespace = "backend-team-dev";

export type GitopsFixture = {
  dir: string;
  gitRoot: string;
  clusterRoot: string;
  forgejo: ForgejoPort;
  cloneUrl: string;
  applicationManifest: string;
  head(): Promise<string>;
  commit(message: string, files: Record<string, string>): Promise<string>;
  setDevImageTag(tag: string): Promise<string>;
  cleanup(): Promise<void>;
};

export async function createGitopsFixture(): Promise<GitopsFixture> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-sandbox-cluster-"));
  const gitRoot = path.join(dir, "git");
  await fs.mkdir(gitRoot);
  const forgejo = createSandboxForgejo({ root: gitRoot, baseUrl: "http://slipway.test" });
  await forgejo.ensureOrg("platform");
  const repo = await forgejo.ensureRepo({ owner: "platform", name: "gitops" });
  const files = renderGitopsService(
    spec,
    makeOptions({ gitopsRepoUrl: repo.cloneUrl, environments: [{ name: "dev", replicas: 2, production: false }] }),
  );
  await forgejo.commitFiles({
    owner: "platform",
    repo: "gitops",
    branch: "main",
    message: "Add payment-service",
    changes: Object.entries(files).map(([p, content]) => ({ path: p, content })),
    expectedHead: null,
  });

  const head = async () => (await forgejo.branchHead("platform", "gitops", "main")) as string;
  const commit = async (message: string, changes: Record<string, string>) =>
    (
      await forgejo.commitFiles({
        owner: "platform",
        repo: "gitops",
        branch: "main",
        message,
        changes: Object.entries(changes).map(([p, content]) => ({ path: p, content })),
        expectedHead: await head(),
      })
    ).sha;
  const kustomization = getOverlayPaths(svc, "dev").kustomization;
  return {
    dir,
    gitRoot,
    clusterRoot: path.join(dir, "cluster"),
    forgejo,
    cloneUrl: repo.cloneUrl,
    applicationManifest: files[getOverlayPaths(svc, "dev").application] as string,
    head,
    commit,
    async setDevImageTag(tag) {
      const current = (await forgejo.readFile("platform", "gitops", kustomization)) as string;
      return commit(`Deploy ${tag} to dev`, { [kustomization]: setImageTag(current, spec.image, tag) });
    },
    cleanup: () => fs.rm(dir, { recursive: true, force: true }),
  };
}

/** `raw` and `signature` (X-Signature) let Flux-style deliveries be checked against their HMAC. */
export type Received = { authorization: string | undefined; signature?: string; raw: string; body: unknown };

/** A webhook endpoint on an ephemeral loopback port that records every POST and answers 200. */
export async function startWebhookReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const signature = req.headers["x-signature"];
      received.push({
        authorization: req.headers.authorization,
        signature: typeof signature === "string" ? signature : undefined,
        raw,
        body: JSON.parse(raw) as unknown,
      });
      res.writeHead(200, { "content-type": "application/json" }).end('{"outcome":"applied"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/argocd`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const waitUntil = <T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000) =>
  until(what, probe, timeoutMs, 25);
