import type { CatalogPort } from "@/lib/catalog/catalog-port";

/** A cluster an environment deploys to, as the Application's destination names it. */
export type EnvironmentCluster = { name: string; server: string | null; region: string | null };

export type PromotionEnvironment = {
  name: string;
  order: number;
  replicas: number;
  production: boolean;
  minReplicas: number;
  maxReplicas: number;
  /** Two or more: one Application per cluster (`<svc>-<env>-<cluster>`); otherwise one Application. */
  clusters: EnvironmentCluster[];
  engine: "argocd" | "flux";
  promotion: "overlay" | "branch";
  /** The branch a branch-promotion environment's engine follows. */
  branch: string;
};

const num = (v: unknown, fallback: number) => (typeof v === "number" ? v : fallback);
const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);

/** The catalog's environments in promotion order (dev → staging → prod), with their replica bounds and clusters. */
export async function readEnvironments(catalog: CatalogPort): Promise<PromotionEnvironment[]> {
  const entities = await catalog.listEntities("environment");
  const needsClusters = entities.some((e) => (e.relations.clusters?.length ?? 0) + (e.relations.cluster?.length ?? 0));
  const clusters = new Map(
    (needsClusters ? await catalog.listEntities("cluster") : []).map((c) => [
      c.identifier,
      { name: c.identifier, server: str(c.properties.api_url), region: str(c.properties.region) },
    ]),
  );
  return entities
    .map((e, i) => {
      const p = e.properties;
      const production = p.production === true || e.identifier === "prod" || e.identifier === "production";
      const minReplicas = num(p.min_replicas, production ? 2 : 1);
      const names = [...new Set([...(e.relations.clusters ?? []), ...(e.relations.cluster ?? [])])].sort();
      return {
        name: e.identifier,
        order: num(p.order, i),
        replicas: minReplicas,
        production,
        minReplicas,
        maxReplicas: num(p.max_replicas, 10),
        clusters: names.map((n) => clusters.get(n) ?? { name: n, server: null, region: null }),
        engine: p.engine === "flux" ? ("flux" as const) : ("argocd" as const),
        promotion: p.promotion === "branch" ? ("branch" as const) : ("overlay" as const),
        branch: str(p.branch) ?? "production",
      };
    })
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

/**
 * The Applications (or Flux Kustomizations) behind one deployment: `<svc>-<env>` alone, or one
 * `<svc>-<env>-<cluster>` per cluster when the environment spans two or more.
 */
export function listDeploymentApps(deployment: string, env: Pick<PromotionEnvironment, "clusters">): string[] {
  return env.clusters.length >= 2 ? env.clusters.map((c) => `${deployment}-${c.name}`) : [deployment];
}
