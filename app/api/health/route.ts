import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/http/route";

// GET /api/health — liveness plus a database round trip (no data exposed)
export const GET = route({}, async () => {
  await getDb().execute(sql`select 1`);
  return { ok: true };
});
