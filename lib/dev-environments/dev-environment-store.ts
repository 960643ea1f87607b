import { and, eq, sql } from "drizzle-orm";
import { devEnvironmentEvents, entities } from "@/db/schema";
import { getDb } from "@/lib/db/client";

export type DevEnvironmentRow = { identifier: string; team: string | null; properties: Record<string, unknown> };

/** Dev environments whose `expires_at` is at or before `before` (the job looks an hour ahead). */
export async function listDevEnvironmentsExpiringBy(before: Date): Promise<DevEnvironmentRow[]> {
  return getDb()
    .select({ identifier: entities.identifier, team: entities.team, properties: entities.properties })
    .from(entities)
    .where(
      and(
        eq(entities.blueprint, "dev-environment"),
        sql`(${entities.properties}->>'expires_at') IS NOT NULL`,
        sql`(${entities.properties}->>'expires_at')::timestamptz <= ${before.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(entities.identifier);
}

/**
 * Claims one thing the job does for one expiry of one environment ('warned', 'removed'): true for
 * the one caller whose row went in, false for everyone after (another job instance, a later tick).
 */
export async function claimDevEnvironmentEvent(environment: string, expiresAt: Date, kind: string): Promise<boolean> {
  const rows = await getDb()
    .insert(devEnvironmentEvents)
    .values({ environment, expiresAt, kind })
    .onConflictDoNothing()
    .returning({ kind: devEnvironmentEvents.kind });
  return rows.length === 1;
}

/** Gives a claim back when acting on it failed, so the next tick tries again. */
export async function releaseDevEnvironmentEvent(environment: string, expiresAt: Date, kind: string): Promise<void> {
  await getDb()
    .delete(devEnvironmentEvents)
    .where(
      and(
        eq(devEnvironmentEvents.environment, environment),
        eq(devEnvironmentEvents.expiresAt, expiresAt),
        eq(devEnvironmentEvents.kind, kind),
      ),
    );
}
