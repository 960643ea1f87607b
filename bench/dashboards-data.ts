import { sql } from "drizzle-orm";
import { backfillRollup } from "@/lib/dashboards/rollup-backfill";
import type { Db } from "@/lib/db/client";

/**
 * A year of delivery history for `services` services × dev/staging/prod, in bulk SQL: per service 26
 * releases to dev (fortnightly), 20 promotions to staging, 13 to prod, each with its run, its
 * Healthy status event and its version's first commit; some prod deployments turn Degraded for
 * 10–130 minutes, some are rolled back. 2,000 services: ≈ 120k runs, ≈ 120k status events.
 */
export async function generateDashboardHistory(db: Db, services: number, now: Date): Promise<Record<string, number>> {
  const start = new Date(now.getTime() - 365 * 86_400_000).toISOString();
  await db.execute(sql`insert into entities (blueprint, identifier, title, properties)
    select 'team', 'team-' || lpad(g::text, 2, '0'), 'Team ' || g, '{}'::jsonb from generate_series(1, 20) g`);
  await db.execute(sql`insert into entities (blueprint, identifier, title, properties)
    values ('environment', 'dev', 'Dev', '{"order":0,"production":false}'),
           ('environment', 'staging', 'Staging', '{"order":1,"production":false}'),
           ('environment', 'prod', 'Prod', '{"order":2,"production":true}')`);
  await db.execute(sql`insert into entities (blueprint, identifier, title, team, properties)
    select 'service', 'svc-' || lpad(g::text, 5, '0'), 'Service ' || g, 'team-' || lpad((1 + g % 20)::text, 2, '0'),
           jsonb_build_object('language', (array['java','node','go','python'])[1 + g % 4])
    from generate_series(1, ${services}) g`);
  // Deployment properties as the status mirror leaves them: the last version of each stage.
  await db.execute(sql`insert into entities (blueprint, identifier, title, team, properties)
    select 'deployment', s.identifier || '-' || e.env, s.identifier || ' (' || e.env || ')', s.team,
           jsonb_build_object('status', case when (s.id + e.n) % 37 = 0 then 'Degraded' when (s.id + e.n) % 53 = 0 then 'Progressing' else 'Healthy' end,
             'sync_status', 'Synced', 'version', '1.' || (25 - e.n * 2) || '.0', 'replicas', 1 + e.n,
             'ready_replicas', 1 + e.n, 'deployed_at', to_char(now() - (e.n + 1) * interval '2 days', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
             'cpu_request', (array['100m','250m','500m'])[1 + s.id % 3], 'cpu_limit', (array['250m','500m','1'])[1 + s.id % 3],
             'memory_request', (array['128Mi','256Mi','512Mi'])[1 + s.id % 3], 'memory_limit', (array['256Mi','512Mi','1Gi'])[1 + s.id % 3])
    from entities s cross join (values ('dev', 0), ('staging', 1), ('prod', 2)) e(env, n)
    where s.blueprint = 'service'`);
  await db.execute(sql`insert into entity_relations (source_id, name, target_id)
    select d.id, r.name, t.id from entities d
    cross join (values ('service'), ('environment')) r(name)
    join entities t on (r.name = 'service' and t.blueprint = 'service' and t.identifier = regexp_replace(d.identifier, '-(dev|staging|prod)$', ''))
                    or (r.name = 'environment' and t.blueprint = 'environment' and t.identifier = substring(d.identifier from '(dev|staging|prod)$'))
    where d.blueprint = 'deployment'`);
  // The deployments of the year: (service, release r, stage) with a deterministic time.
  await db.execute(sql`create temporary table bench_deploys as
    select s.identifier as service, s.team, s.id as sid, r, st.env, st.n,
           ${start}::timestamptz + r * interval '14 days' + (s.id % 200) * interval '1 hour' + st.n * st.n * interval '1 day' as at,
           '1.' || r || '.0' as version, gen_random_uuid() as run_id,
           case st.env when 'dev' then 'release' else 'promote' end as action
    from entities s cross join generate_series(0, 25) r
    cross join (values ('dev', 0), ('staging', 1), ('prod', 2)) st(env, n)
    where s.blueprint = 'service' and (st.n = 0 or (st.n = 1 and r % 4 <> 3) or (st.n = 2 and r % 2 = 0))`);
  await db.execute(sql`delete from bench_deploys where at >= now()`);
  await db.execute(sql`insert into runs (id, action_id, status, entity_blueprint, entity_identifier, team, input, requested_by,
      requested_by_email, via, result, created_at, updated_at, started_at, finished_at)
    select run_id, action, case when (sid + r) % 29 = 0 then 'failed' else 'succeeded' end, 'deployment',
           service || '-' || case env when 'prod' then 'staging' when 'staging' then 'dev' else 'dev' end, team,
           case env when 'dev' then jsonb_build_object('version', version) else jsonb_build_object('target_environment', env) end,
           'dana', 'dana@slipway.local', 'api', jsonb_build_object('version', version, 'target', env),
           at - interval '30 minutes', at, at - interval '20 minutes', at
    from bench_deploys`);
  await db.execute(sql`insert into deployment_events (at, kind, deployment, service, team, environment, version, action, status, actor, run_id)
    select at, 'deploy', service || '-' || env, service, team, env, version, action, 'succeeded', 'dana@slipway.local', run_id
    from bench_deploys where (sid + r) % 29 <> 0
    union all
    select at, 'health', service || '-' || env, service, team, env, version, null, 'Healthy', 'argocd', null
    from bench_deploys where (sid + r) % 29 <> 0
    union all
    select at + interval '10 minutes', 'health', service || '-prod', service, team, 'prod', version, null, 'Degraded', 'argocd', null
    from bench_deploys where env = 'prod' and (sid + r) % 10 = 0 and (sid + r) % 29 <> 0
    union all
    select at + interval '10 minutes' + ((sid * 7 + r) % 120 + 1) * interval '1 minute', 'health', service || '-prod', service, team, 'prod', version, null, 'Healthy', 'argocd', null
    from bench_deploys where env = 'prod' and (sid + r) % 10 = 0 and (sid + r) % 29 <> 0 and (sid + r) % 25 <> 5
    union all
    select at + interval '1 hour', 'deploy', service || '-prod', service, team, 'prod', '1.' || greatest(r - 2, 0) || '.0', 'rollback', 'succeeded', 'sam@slipway.local', null
    from bench_deploys where env = 'prod' and (sid + r) % 25 = 5 and (sid + r) % 29 <> 0`);
  await db.execute(sql`insert into version_commits (service, version, first_commit_at)
    select service, version, min(at) - (1 + (sid + r) % 5) * interval '1 day' from bench_deploys where env = 'dev'
    group by service, version, sid, r`);
  await db.execute(sql`insert into runs (action_id, status, entity_blueprint, entity_identifier, team, input, requested_by, requested_by_email, via, created_at, updated_at)
    select 'scale', 'succeeded', 'deployment', identifier || '-prod', team, jsonb_build_object('replicas', 4, 'reason', 'Seasonal traffic'),
           'sam', 'sam@slipway.local', 'api', now() - (id % 300) * interval '1 day', now()
    from entities where blueprint = 'service'
    union all
    select 'promote', 'awaiting_approval', 'deployment', identifier || '-staging', team, '{"target_environment":"prod"}'::jsonb,
           'dana', 'dana@slipway.local', 'api', now() - (id % 48) * interval '1 hour', now()
    from entities where blueprint = 'service' and id % 10 = 0`);
  await backfillRollup(db);
  await db.execute(sql`analyze`);
  const [counts] = (
    await db.execute<Record<string, number>>(sql`select
      (select count(*)::int from entities where blueprint = 'service') as services,
      (select count(*)::int from entities where blueprint = 'deployment') as deployments,
      (select count(*)::int from runs) as runs,
      (select count(*)::int from deployment_events where kind = 'health') as status_events,
      (select count(*)::int from deployment_events where kind = 'deploy') as deploy_events`)
  ).rows;
  return counts!;
}
