import { parseAllDocuments } from "yaml";
import type { AppStatus, ClusterPort } from "@/lib/cluster/cluster-port";
import { getApplicationPath, getFluxDeliveryPath } from "@/lib/gitops";
import type { RunPorts } from "@/lib/runs/ports";

// An environment's GitOps engine (its `engine` property): ArgoCD Applications by default, or Flux
// deliveries (GitRepository + Kustomization). Actions reach the engine's objects only through here.

export type Engine = "argocd" | "flux";

export type EngineOps = {
  engine: Engine;
  /** How logs name the engine and its object. */
  label: "ArgoCD" | "Flux";
  noun: "Application" | "Kustomization";
  /** Where the GitOps repository keeps the object's manifest. */
  path(app: string): string;
  apply(app: string, manifest: string): Promise<{ name: string }>;
  get(app: string): Promise<AppStatus | null>;
  /** Reconcile now rather than at the next poll. */
  refresh(app: string): Promise<void>;
  /** The GitOps branch the object's manifest follows (Application targetRevision, GitRepository ref.branch). */
  readTrackedBranch(manifest: string): string | null;
};

type Doc = { kind?: unknown; spec?: { source?: { targetRevision?: unknown }; ref?: { branch?: unknown } } } | null;

/** The manifest's documents (an Application has one; a delivery two); unparseable text has none. */
function readDocs(manifest: string): Doc[] {
  try {
    return parseAllDocuments(manifest).flatMap((d) => ("toJS" in d ? [d.toJS() as Doc] : []));
  } catch {
    return [];
  }
}

const asBranch = (v: unknown) => (typeof v === "string" && v !== "" && v !== "HEAD" ? v : null);

export function getEngineOps(cluster: ClusterPort, engine: Engine): EngineOps {
  switch (engine) {
    case "argocd":
      return {
        engine,
        label: "ArgoCD",
        noun: "Application",
        path: getApplicationPath,
        apply: (app, manifest) => cluster.applyApplication(app, manifest),
        get: (app) => cluster.getApplication(app),
        refresh: (app) => cluster.refreshApplication(app),
        readTrackedBranch: (manifest) =>
          asBranch(readDocs(manifest).find((d) => d?.kind === "Application")?.spec?.source?.targetRevision),
      };
    case "flux":
      return {
        engine,
        label: "Flux",
        noun: "Kustomization",
        path: getFluxDeliveryPath,
        apply: (app, manifest) => cluster.applyDelivery(app, manifest),
        get: (app) => cluster.getDelivery(app),
        refresh: (app) => cluster.refreshDelivery(app),
        readTrackedBranch: (manifest) =>
          asBranch(readDocs(manifest).find((d) => d?.kind === "GitRepository")?.spec?.ref?.branch),
      };
  }
}

/**
 * The engine delivering `app` and whether the cluster has its object yet: the cluster's Application
 * or Kustomization when one exists, otherwise whichever manifest the GitOps repository holds for it
 * (create-microservice writes the environment's engine's). null: neither.
 */
export async function findEngine(
  ports: Pick<RunPorts, "cluster" | "forgejo" | "gitops">,
  app: string,
): Promise<{ ops: EngineOps; manifest: string | null } | null> {
  const { cluster, forgejo, gitops } = ports;
  if (await cluster.getApplication(app)) return { ops: getEngineOps(cluster, "argocd"), manifest: null };
  if (await cluster.getDelivery(app)) return { ops: getEngineOps(cluster, "flux"), manifest: null };
  for (const engine of ["flux", "argocd"] as const) {
    const ops = getEngineOps(cluster, engine);
    const manifest = await forgejo.readFile(gitops.owner, gitops.repo, ops.path(app));
    if (manifest) return { ops, manifest };
  }
  return null;
}
