import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { CHANGE_FAILURE_WINDOW_HOURS } from "./record-events";

const WINDOW = sql.raw(`interval '${CHANGE_FAILURE_WINDOW_HOURS} hours'`);

/**
 * Set-based version of what record-events.ts does row by row: fills `failed` and `recovery_ms` for
 * rows written in bulk (the demo seed, the benchmark). Same rules, so both paths give the same figures.
 */
export async function backfillRollup(db: Executor): Promise<void> {
  await db.execute(sql`
    update deployment_events d set failed = true
    from (select f.at, (select p.id from deployment_events p where p.deployment = f.deployment and p.kind = 'deploy'
                          and p.at <= f.at and p.id <> f.id order by p.at desc, p.id desc limit 1) as id
          from deployment_events f
          where (f.kind = 'deploy' and f.action = 'rollback') or (f.kind = 'health' and f.status = 'Degraded')) x
    where d.id = x.id and d.action <> 'rollback' and d.at >= x.at - ${WINDOW}`);
  await db.execute(sql`
    update deployment_events g set recovery_ms = (extract(epoch from (
        select min(h.at) from deployment_events h where h.deployment = g.deployment and h.kind = 'health'
          and h.status = 'Healthy' and h.at > g.at) - g.at) * 1000)::bigint
    where g.kind = 'health' and g.status = 'Degraded' and g.recovery_ms is null`);
  await db.execute(sql`
    with undone as (
      select r.id, r.deployment, r.at, (select max(p.at) from deployment_events p where p.deployment = r.deployment
               and p.kind = 'deploy' and p.at <= r.at and p.id <> r.id) as prev_at
      from deployment_events r where r.kind = 'deploy' and r.action = 'rollback' and r.recovery_ms is null)
    update deployment_events r set recovery_ms = (extract(epoch from u.at - u.prev_at) * 1000)::bigint
    from undone u
    where r.id = u.id and u.prev_at is not null and not exists (select 1 from deployment_events g
      where g.deployment = u.deployment and g.kind = 'health' and g.status = 'Degraded' and g.at > u.prev_at and g.at <= u.at)`);
}
