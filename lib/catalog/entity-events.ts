import { sql } from "drizzle-orm";
import { getDb, type Executor } from "@/lib/db/client";

export const ENTITY_EVENTS_CHANNEL = "slipway_entity_events";

/**
 * Wakes every web replica's live catalog views of this entity (payload `<blueprint>/<identifier>`).
 * Inside a transaction the notification is delivered when it commits, and not at all if it rolls back.
 */
export async function notifyEntity(blueprint: string, identifier: string, db: Executor = getDb()): Promise<void> {
  await db.execute(sql`select pg_notify(${ENTITY_EVENTS_CHANNEL}, ${`${blueprint}/${identifier}`})`);
}
