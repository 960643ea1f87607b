import { sql } from "drizzle-orm";
import { versionCommits } from "@/db/schema";
import { getDb, type Executor } from "@/lib/db/client";
import type { ForgejoPort } from "@/lib/git/forgejo-port";
import { logger } from "@/lib/logger";

/** Stores when a version's first commit was made (null: looked for, none found). First answer wins. */
export async function recordFirstCommit(
  db: Executor,
  v: { service: string; version: string; firstCommitAt: Date | null },
): Promise<void> {
  await db
    .insert(versionCommits)
    .values({ service: v.service, version: v.version, firstCommitAt: v.firstCommitAt })
    .onConflictDoNothing();
}

// The app pipeline tags each release; both spellings are common.
const tagsOf = (version: string) => [version, `v${version}`];

async function firstCommitOf(
  port: ForgejoPort,
  repo: { owner: string; name: string },
  version: string,
  previous: string | null,
): Promise<Date | null> {
  for (const head of tagsOf(version)) {
    for (const base of previous ? tagsOf(previous) : [null]) {
      const commits = await port.listCommitsBetween(repo.owner, repo.name, { head, base });
      const oldest = commits.at(-1);
      if (oldest) return new Date(oldest.date);
    }
  }
  return null;
}

/**
 * Looks up, through the Forgejo port, the first commit of production versions not looked up yet
 * (newest first, at most `max` per call): the commits of the app repository `<team>/<service>`
 * between the previous production version's tag and this version's. The worker calls it every
 * sweep, so dashboards read lead times from version_commits and never call git themselves.
 */
export async function resolveFirstCommits(port: ForgejoPort, max = 20): Promise<number> {
  const pending = await getDb().execute<{
    service: string;
    team: string | null;
    version: string;
    previous: string | null;
  }>(sql`
    select e.service, e.team, e.version, (
             select p.version from deployment_events p
             where p.service = e.service and p.environment = e.environment and p.kind = 'deploy'
               and p.at < e.at and p.version is distinct from e.version
             order by p.at desc limit 1) as previous
    from deployment_events e
    where e.kind = 'deploy' and e.version is not null and e.at > now() - interval '400 days'
      and not exists (select 1 from version_commits v where v.service = e.service and v.version = e.version)
    order by e.at desc limit ${max}`);
  let resolved = 0;
  for (const row of pending.rows) {
    let firstCommitAt: Date | null = null;
    try {
      if (row.team)
        firstCommitAt = await firstCommitOf(port, { owner: row.team, name: row.service }, row.version, row.previous);
    } catch (err) {
      // A missing repository means no commit to measure from; anything else is tried again later.
      if ((err as { name?: string }).name !== "NotFoundError") {
        logger.warn("first commit lookup failed", { service: row.service, version: row.version, error: String(err) });
        continue;
      }
    }
    await recordFirstCommit(getDb(), { service: row.service, version: row.version, firstCommitAt });
    resolved++;
  }
  return resolved;
}
