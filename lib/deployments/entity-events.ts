import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";

export const ENTITY_EVENTS_CHANNEL = "slipway_entity_events";

/** Wakes every web replica's live catalog views of this entity (payload `<blueprint>/<identifier>`). */
export async function notifyEntity(blueprint: string, identifier: string): Promise<void> {
  await getDb().execute(sql`select pg_notify(${ENTITY_EVENTS_CHANNEL}, ${`${blueprint}/${identifier}`})`);
}
