import pg from "pg";

// Builds the catalog server-side with INSERT … SELECT over generate_series: a few statements for any
// size, so 100k entities load in seconds and 1M in about a minute. Proportions follow the issue's
// comparison (40% services, ~60% deployments: dev for every service, staging or prod for half of them).

export type Mix = { teams: number; clusters: number; services: number; deployments: number; total: number };

export function mixFor(total: number): Mix {
  const teams = Math.max(3, Math.round(total / 1000));
  const clusters = Math.max(2, Math.round(total / 5000));
  const services = Math.round(total * 0.4);
  const deployments = total - teams - clusters - 3 - services;
  return { teams, clusters, services, deployments, total };
}

// The first teams are the demo users' (team-payments, team-checkout, team-platform groups).
const TEAM_NAMES = `(array['payments','checkout','platform'])`;
const teamName = (n: string) =>
  `case when ${n} <= 3 then ${TEAM_NAMES}[${n}] else 'team-' || lpad((${n})::text, 4, '0') end`;

/** Loads `total` entities with relations into an empty catalog (built-in blueprints present). */
export async function generateCatalog(adminUrl: string, total: number): Promise<Mix> {
  const mix = mixFor(total);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query("begin");
    await client.query(
      `insert into entities (blueprint, identifier, title, team, properties)
       select 'team', ${teamName("g")},
              'Team ' || g, null,
              jsonb_build_object('oidc_group', 'team-' || case when g <= 3 then ${TEAM_NAMES}[g] else g::text end,
                                 'slack_channel', '#team-' || g)
       from generate_series(1, $1::int) g`,
      [mix.teams],
    );
    await client.query(
      `insert into entities (blueprint, identifier, title, properties)
       select 'cluster', 'cluster-' || g, 'Cluster ' || g,
              jsonb_build_object('provider', (array['kind','eks','gke','aks'])[1 + g % 4],
                                 'region', (array['eu-west-1','us-east-1','ap-south-1'])[1 + g % 3])
       from generate_series(1, $1::int) g`,
      [mix.clusters],
    );
    await client.query(
      `insert into entities (blueprint, identifier, title, properties)
       select 'environment', e, initcap(e), jsonb_build_object('order', o - 1, 'production', e = 'prod')
       from unnest(array['dev','staging','prod']) with ordinality as t(e, o)`,
    );
    // Services: team, language, framework, template, lifecycle spread so filters and facets have shape.
    await client.query(
      `insert into entities (blueprint, identifier, title, team, properties)
       select 'service', 'svc-' || lpad(g::text, 7, '0'), 'Service ' || g,
              ${teamName("1 + g % $2::int")},
              jsonb_build_object(
                'description', (array['payments api','checkout flow','ledger batch','search index','billing worker',
                                      'fraud scoring','inventory sync','notification fan-out'])[1 + g % 8]
                               || ' service number ' || g,
                'language', (array['java','node','go','python'])[1 + g % 4],
                'framework', (array['spring-boot','express','chi','fastapi','next'])[1 + g % 5],
                'template', (array['api-service','web-app','batch-job','microservice'])[1 + (g / 4) % 4],
                'lifecycle', (array['production','production','experimental','deprecated'])[1 + (g / 3) % 4],
                'port', 8000 + g % 1000, 'database', g % 3 = 0, 'redis', g % 5 = 0, 'public', g % 7 = 0)
       from generate_series(1, $1::int) g`,
      [mix.services, mix.teams],
    );
    // Deployment k: service k mod S; dev for the first S, then staging and prod in turn.
    await client.query(
      `insert into entities (blueprint, identifier, title, team, properties)
       select 'deployment', s.identifier || '-' || env, s.identifier || ' (' || env || ')', s.team,
              jsonb_build_object('status', (array['Healthy','Healthy','Healthy','Progressing','Degraded'])[1 + k % 5],
                                 'sync_status', (array['Synced','Synced','OutOfSync'])[1 + k % 3],
                                 'version', '1.' || (k % 9) || '.' || (k % 13), 'replicas', 1 + k % 3,
                                 'ready_replicas', 1 + k % 3)
       from generate_series(0, $1::int - 1) k
       cross join lateral (select case when k < $2::int then 'dev' when k % 2 = 0 then 'staging' else 'prod' end as env) e
       join entities s on s.blueprint = 'service' and s.identifier = 'svc-' || lpad((1 + k % $2::int)::text, 7, '0')`,
      [mix.deployments, mix.services],
    );
    await client.query(
      `insert into entity_relations (source_id, name, target_id)
       select d.id, 'service', s.id from entities d
       join entities s on s.blueprint = 'service' and s.identifier = regexp_replace(d.identifier, '-(dev|staging|prod)$', '')
       where d.blueprint = 'deployment'
       union all
       select d.id, 'environment', e.id from entities d
       join entities e on e.blueprint = 'environment' and e.identifier = substring(d.identifier from '-(dev|staging|prod)$')
       where d.blueprint = 'deployment'
       union all
       select e.id, 'cluster', c.id from entities e
       join entities c on c.blueprint = 'cluster' and c.identifier = 'cluster-1' where e.blueprint = 'environment'`,
    );
    // Every tenth service depends on the next two.
    await client.query(
      `insert into entity_relations (source_id, name, target_id)
       select a.id, 'dependsOn', b.id from entities a
       join entities b on b.blueprint = 'service' and b.id in (a.id + 1, a.id + 2)
       where a.blueprint = 'service' and a.id % 10 = 0`,
    );
    await client.query("commit");
    // The facet count changes of the load, folded as a running portal folds its writes' (facet-fold.ts).
    await client.query("select slipway_fold_entity_facets()");
    await client.query("vacuum analyze entities");
    await client.query("vacuum analyze entity_relations");
  } finally {
    await client.end();
  }
  return mix;
}
