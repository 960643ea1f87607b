import type { CatalogPort } from "@/lib/catalog/catalog-port";

export type PromotionEnvironment = {
  name: string;
  order: number;
  replicas: number;
  production: boolean;
  minReplicas: number;
  maxReplicas: number;
};

const num = (v: unknown, fallback: number) => (typeof v === "number" ? v : fallback);

/** The catalog's environments in promotion order (dev → staging → prod), with their replica bounds. */
export async function readEnvironments(catalog: CatalogPort): Promise<PromotionEnvironment[]> {
  const entities = await catalog.listEntities("environment");
  return entities
    .map((e, i) => {
      const p = e.properties;
      const production = p.production === true || e.identifier === "prod" || e.identifier === "production";
      const minReplicas = num(p.min_replicas, production ? 2 : 1);
      return {
        name: e.identifier,
        order: num(p.order, i),
        replicas: minReplicas,
        production,
        minReplicas,
        maxReplicas: num(p.max_replicas, 10),
      };
    })
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}
