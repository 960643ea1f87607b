import { and, eq, gt, lt } from "drizzle-orm";
import { revokedSessions } from "@/db/schema";
import { getDb } from "@/lib/db/client";

/**
 * Ends a session before its cookie expires (sign-out). The cookie is a self-contained JWT that a copy
 * could keep presenting, so its id is remembered until the moment the cookie would have expired anyway.
 */
export async function revokeSession(sessionId: string, expiresAt: Date): Promise<void> {
  const db = getDb();
  await db.insert(revokedSessions).values({ sessionId, expiresAt }).onConflictDoNothing();
  // Sign-outs are rare; tidying here keeps the table to the sessions that could still be presented.
  await db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, new Date()));
}

export async function isSessionRevoked(sessionId: string): Promise<boolean> {
  const [row] = await getDb()
    .select({ sessionId: revokedSessions.sessionId })
    .from(revokedSessions)
    .where(and(eq(revokedSessions.sessionId, sessionId), gt(revokedSessions.expiresAt, new Date())));
  return Boolean(row);
}
