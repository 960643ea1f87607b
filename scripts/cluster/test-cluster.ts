// npm run test:cluster — the opt-in cluster tier: a real Gitea, a real Kubernetes control plane with
// kwok nodes and a real ArgoCD on loopback (all built from Go modules on first use), then the
// vitest project "cluster": Slipway in connected mode creates a microservice that ArgoCD syncs
// from Gitea until the catalog shows Synced and Healthy, and promotes it to staging, while
// argocd-notifications posts status to Slipway's webhook with the shipped notifications config.
// `--engines=argocd,flux` (the default) picks the GitOps engines to start: with flux, Flux's
// source- and kustomize-controllers run too (built from their modules on first use); with flux
// alone, no redis/ArgoCD is needed, e.g.
//   npm run test:cluster -- --engines=flux tests/cluster/flux-branch-promotion.cluster.test.ts
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { startGitea, type RunningGitea } from "../peers/gitea";
import { buildClusterPeers } from "./build";
import { FLUX_GITEA_SECRET } from "./flux";
import { argocdPeer, etcdPeer, fluxPeers, kubernetesPeer, kustomizePeer, kwokPeer } from "./recipes";
import { applyObject, type KubeObject } from "./kube-rest";
import { startCluster, type RunningCluster } from "./start-cluster";

const GITEA_PORT = Number(process.env.PEERS_GITEA_PORT ?? 3300);
const PG_PORT = process.env.TEST_PG_PORT ?? "54335";
// The test serves Slipway's ArgoCD webhook here for argocd-notifications.
const WEBHOOK_PORT = Number(process.env.CLUSTER_WEBHOOK_PORT ?? 3410);
const WEBHOOK_SECRET = "cluster-tier-webhook-secret";

/** Slipway's shipped notifications config, pointed at the test's webhook, with the shared secret. */
async function configureNotifications(c: RunningCluster): Promise<void> {
  const cm = parse(readFileSync("deploy/argocd/notifications-cm.yaml", "utf8")) as KubeObject & {
    data: Record<string, string>;
  };
  const service = cm.data["service.webhook.slipway"]!;
  cm.data["service.webhook.slipway"] = service.replace(
    /url: .*/,
    `url: http://127.0.0.1:${WEBHOOK_PORT}/api/webhooks/argocd`,
  );
  await applyObject(c.kube, cm);
  await applyObject(c.kube, {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "argocd-notifications-secret", namespace: c.argocdNamespace },
    type: "Opaque",
    stringData: { "slipway-webhook-secret": WEBHOOK_SECRET },
  });
}

const started = Date.now();
const seconds = () => Math.round((Date.now() - started) / 100) / 10;
const say = (msg: string) => console.log(`[cluster] ${msg} (${seconds()}s)`);

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) =>
    spawn(command, args, { env, stdio: "inherit" }).on("close", (code) => resolve(code ?? 1)),
  );
}

const engineArg = process.argv.find((a) => a.startsWith("--engines="));
const engines = new Set((engineArg?.slice("--engines=".length) ?? "argocd,flux").split(",").filter(Boolean));
for (const e of engines) if (e !== "argocd" && e !== "flux") throw new Error(`unknown engine ${e} (argocd, flux)`);
const withArgocd = engines.has("argocd");
const withFlux = engines.has("flux");
const testFiles = process.argv.slice(2).filter((a) => !a.startsWith("--engines="));

const workDir = mkdtempSync(path.join(os.tmpdir(), "slipway-cluster-"));
let gitea: RunningGitea | null = null;
let cluster: RunningCluster | null = null;
let exitCode = 1;
const phases: Record<string, number> = {};
try {
  // Smallest first, so a broken proxy shows up before the hour-long builds.
  await buildClusterPeers([
    ...(withArgocd ? [kustomizePeer] : []),
    etcdPeer,
    kwokPeer,
    ...(withArgocd ? [argocdPeer] : []),
    kubernetesPeer,
    ...(withFlux ? fluxPeers : []),
  ]);
  phases["build or reuse"] = seconds();
  gitea = await startGitea({ dir: path.join(workDir, "gitea"), port: GITEA_PORT });
  say(`Gitea ready at ${gitea.url}`);
  cluster = await startCluster({
    dir: path.join(workDir, "cluster"),
    log: (line) => console.log(line),
    argocd: withArgocd,
    flux: withFlux,
    notifications: withArgocd,
  });
  if (withArgocd) await configureNotifications(cluster);
  // Flux reads private repositories with basic auth; Gitea takes the API token as the password.
  if (withFlux)
    await applyObject(cluster.kube, {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: FLUX_GITEA_SECRET, namespace: cluster.fluxNamespace },
      type: "Opaque",
      stringData: { username: gitea.username, password: gitea.token },
    });
  phases["gitea + cluster start"] = seconds() - phases["build or reuse"]!;
  say(`cluster ready (kubeconfig ${cluster.kubeconfigPath})`);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SLIPWAY_FORGEJO_URL: gitea.url,
    SLIPWAY_FORGEJO_TOKEN: gitea.token,
    SLIPWAY_PEER_FORGEJO_USER: gitea.username,
    SLIPWAY_KUBECONFIG: cluster.kubeconfigPath,
    SLIPWAY_ARGOCD_NAMESPACE: cluster.argocdNamespace,
    // Which engines run, for tests that need one (tests/peers.ts clusterEngines()).
    SLIPWAY_CLUSTER_ENGINES: [...engines].join(","),
    // Connected mode insists on an OIDC client; nobody signs in through it in this tier.
    SLIPWAY_OIDC_ISSUER: "http://127.0.0.1:9/unused",
    SLIPWAY_OIDC_CLIENT_ID: "unused",
    SLIPWAY_OIDC_CLIENT_SECRET: "unused",
    SLIPWAY_ARGOCD_WEBHOOK_SECRET: WEBHOOK_SECRET,
    // The GitRepositories the portal writes read a private GitOps repository with the tier's Gitea token.
    ...(withFlux ? { SLIPWAY_FLUX_GIT_SECRET: FLUX_GITEA_SECRET } : {}),
    CLUSTER_WEBHOOK_PORT: String(WEBHOOK_PORT),
    TEST_PG_PORT: PG_PORT,
  };
  const testsStarted = seconds();
  // `npm run test:cluster -- <files>` runs only those test files.
  exitCode = await run("npx", ["vitest", "run", "--project", "cluster", ...testFiles], env);
  phases.tests = seconds() - testsStarted;
} catch (error) {
  console.error(`[cluster] ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await cluster?.stop();
  await gitea?.stop();
  if (exitCode === 0) rmSync(workDir, { recursive: true, force: true });
  else console.error(`[cluster] logs kept in ${workDir}`);
}
say(`${exitCode === 0 ? "cluster tier passed" : "cluster tier failed"}; phases (s): ${JSON.stringify(phases)}`);
process.exit(exitCode);
