import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { publicRoute } from "@/lib/http/route";

// GET /api/health — liveness plus a database round trip (public for load balancers; no data exposed)
export const GET = publicRoute({}, async () => {
  await getDb().execute(sql`select 1`);
  return { ok: true };
});
