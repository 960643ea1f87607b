// A realistic catalog at scale, loaded with set-based SQL (seconds for 100k rows, not minutes through
// the API). Shared by the benchmarks: the mix follows the Backstage comparison in the README — 40 %
// services, ~60 % deployments (service × environment), plus teams, clusters and environments.
import pg from "pg";

export type CatalogShape = {
  teams: number;
  clusters: number;
  environments: number;
  services: number;
  deployments: number;
};

export const LANGUAGES = ["java", "node", "go", "python"] as const;
export const LIFECYCLES = ["experimental", "production", "deprecated"] as const;

/** The mix for `total` entities: 0.1 % teams, 0.02 % clusters, 0.08 % environments, 40 % services, the rest deployments. */
export function catalogShape(total: number): CatalogShape {
  const teams = Math.max(3, Math.round(total * 0.001));
  const clusters = Math.max(1, Math.round(total * 0.0002));
  const environments = Math.max(3, Math.round(total * 0.0008));
  const services = Math.max(1, Math.round(total * 0.4));
  return { teams, clusters, environments, services, deployments: total - teams - clusters - environments - services };
}

/** Identifiers the generator gives entity number `n` (1-based) of each blueprint. */
export const generatedId = {
  team: (n: number) => `team-${String(n).padStart(4, "0")}`,
  service: (n: number) => `svc-${String(n).padStart(6, "0")}`,
  environment: (n: number) => `env-${String(n).padStart(4, "0")}`,
};

/**
 * Inserts the catalog into a migrated database that has the built-in blueprints (connect as the owner
 * role). Team `team-0001` has OIDC group `group-team-0001`. Returns the shape it loaded.
 */
export async function loadCatalog(url: string, total: number): Promise<CatalogShape> {
  const shape = catalogShape(total);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("begin");
    await client.query(
      `insert into entities (blueprint, identifier, title, team, properties)
       select 'team', 'team-' || lpad(g::text, 4, '0'), 'Team ' || g, null,
              jsonb_build_object('oidc_group', 'group-team-' || lpad(g::text, 4, '0'), 'slack_channel', '#team-' || g)
       from generate_series(1, $1::int) g`,
      [shape.teams],
    );
    await client.query(
      `insert into entities (blueprint, identifier, title, team, properties)
       select 'cluster', 'cluster-' || g, 'Cluster ' || g, null,
              jsonb_build_object('region', (array['eu-west','us-east','ap-south'])[1 + g % 3],
                                 'provider', (array['aws','gcp','on-prem'])[1 + g % 3])
       from generate_series(1, $1::int) g`,
      [shape.clusters],
    );
    await client.query(
      `insert into entities (blueprint, identifier, title, team, properties)
       select 'environment', 'env-' || lpad(g::text, 4, '0'), 'Environment ' || g, null,
              jsonb_build_object('order', g, 'production', g % 3 = 0)
       from generate_series(1, $1::int) g`,
      [shape.environments],
    );
    await client.query(
      `insert into entities (blueprint, identifier, title, team, properties)
       select 'service', 'svc-' || lpad(g::text, 6, '0'), 'Service ' || g,
              'team-' || lpad((1 + g % $2::int)::text, 4, '0'),
              jsonb_build_object('language', (array['java','node','go','python'])[1 + g % 4],
                                 'lifecycle', (array['experimental','production','deprecated'])[1 + g % 3],
                                 'port', 8000 + g % 1000, 'public', g % 7 = 0,
                                 'description', 'generated service number ' || g)
       from generate_series(1, $1::int) g`,
      [shape.services, shape.teams],
    );
    // Deployments: service k in environment j, walking services round-robin over environments.
    await client.query(
      `insert into entities (blueprint, identifier, title, team, properties)
       select 'deployment', 'dep-' || lpad(g::text, 7, '0'), 'Deployment ' || g,
              'team-' || lpad((1 + (1 + (g - 1) % $2::int) % $3::int)::text, 4, '0'),
              jsonb_build_object('status', (array['Healthy','Healthy','Healthy','Progressing','Degraded'])[1 + g % 5],
                                 'sync_status', (array['Synced','Synced','OutOfSync'])[1 + g % 3],
                                 'version', '1.' || (g % 40) || '.0', 'replicas', 1 + g % 5)
       from generate_series(1, $1::int) g`,
      [shape.deployments, shape.services, shape.teams],
    );
    const ids = (blueprint: string) =>
      `(select id, row_number() over (order by identifier) as n from entities where blueprint = '${blueprint}')`;
    await client.query(
      `insert into entity_relations (source_id, name, target_id)
       select d.id, 'service', s.id
       from ${ids("deployment")} d join ${ids("service")} s on s.n = 1 + (d.n - 1) % $1::int`,
      [shape.services],
    );
    await client.query(
      `insert into entity_relations (source_id, name, target_id)
       select d.id, 'environment', e.id
       from ${ids("deployment")} d join ${ids("environment")} e
         on e.n = 1 + ((d.n - 1) / $1::int) % $2::int`,
      [shape.services, shape.environments],
    );
    // Every tenth service depends on the one before it.
    await client.query(
      `insert into entity_relations (source_id, name, target_id)
       select a.id, 'dependsOn', b.id
       from ${ids("service")} a join ${ids("service")} b on b.n = a.n - 1
       where a.n % 10 = 0`,
    );
    await client.query("commit");
    // The facet count changes of the load, folded as a running portal folds its writes' (facet-fold.ts).
    await client.query("select slipway_fold_entity_facets()");
    await client.query("analyze entities");
    await client.query("analyze entity_relations");
    return shape;
  } catch (e) {
    await client.query("rollback").catch(() => {});
    throw e;
  } finally {
    await client.end();
  }
}
