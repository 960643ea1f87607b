import { and, eq, or, sql } from "drizzle-orm";
import { entities, forgejoDeliveries, pullRequestMarks } from "@/db/schema";
import { getDb } from "@/lib/db/client";

// Idempotency of the Forgejo webhook: deliveries already handled, and per pull request the newest
// state applied (a delivery older than it changes nothing).

/** True for the first handler of this delivery id; false for a re-delivery. */
export async function claimDelivery(delivery: string): Promise<boolean> {
  const rows = await getDb()
    .insert(forgejoDeliveries)
    .values({ delivery })
    .onConflictDoNothing()
    .returning({ delivery: forgejoDeliveries.delivery });
  return rows.length === 1;
}

/** A delivery whose handling failed is given back, so Forgejo's retry is handled. */
export async function releaseDelivery(delivery: string): Promise<void> {
  await getDb().delete(forgejoDeliveries).where(eq(forgejoDeliveries.delivery, delivery));
}

export async function findPullRequestMark(
  repo: string,
  number: number,
): Promise<{ updatedAt: Date; state: string } | null> {
  const [row] = await getDb()
    .select({ updatedAt: pullRequestMarks.updatedAt, state: pullRequestMarks.state })
    .from(pullRequestMarks)
    .where(and(eq(pullRequestMarks.repo, repo), eq(pullRequestMarks.number, number)));
  return row ?? null;
}

/** Moves the mark forward only: a slower handler of an older state cannot move it back. */
export async function writePullRequestMark(
  repo: string,
  number: number,
  updatedAt: Date,
  state: string,
): Promise<void> {
  await getDb()
    .insert(pullRequestMarks)
    .values({ repo, number, updatedAt, state })
    .onConflictDoUpdate({
      target: [pullRequestMarks.repo, pullRequestMarks.number],
      set: { updatedAt, state },
      setWhere: sql`${pullRequestMarks.updatedAt} <= ${updatedAt.toISOString()}::timestamptz`,
    });
}

/**
 * The service whose repository this is: its `repository` property names the repository's web URL,
 * or it is `<team>/<service>` (how create-microservice names app repositories).
 */
export async function findServiceByRepository(repo: {
  owner: string;
  name: string;
  htmlUrl?: string;
}): Promise<{ identifier: string; team: string | null } | null> {
  const url = repo.htmlUrl?.replace(/\/+$/, "").toLowerCase();
  const [row] = await getDb()
    .select({ identifier: entities.identifier, team: entities.team })
    .from(entities)
    .where(
      and(
        eq(entities.blueprint, "service"),
        or(
          and(eq(entities.identifier, repo.name.toLowerCase()), eq(entities.team, repo.owner.toLowerCase())),
          url ? sql`lower(rtrim(${entities.properties}->>'repository', '/')) = ${url}` : sql`false`,
        ),
      ),
    )
    .orderBy(entities.identifier)
    .limit(1);
  return row ?? null;
}
