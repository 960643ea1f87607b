import { eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { getDb, type Executor } from "@/lib/db/client";
import type { Identity } from "./identity";

/** Saves who signed in (with today's groups, which their API tokens then act with) and audits it. */
export async function recordSignIn(identity: Identity, provider: string): Promise<void> {
  await getDb().transaction(async (tx) => {
    await ensureUser(tx, identity);
    await appendAudit(tx, { actor: identity.email, verb: "auth.sign_in", target: `user:${identity.id}`, data: { provider, groups: identity.groups } });
  });
}

export async function ensureUser(db: Executor, identity: Identity): Promise<void> {
  await db
    .insert(users)
    .values({ id: identity.id, email: identity.email, name: identity.name, groups: identity.groups })
    .onConflictDoUpdate({
      target: users.id,
      set: { email: identity.email, name: identity.name, groups: identity.groups, lastSignInAt: sql`now()` },
    });
}

export async function findIdentity(userId: string): Promise<Identity | null> {
  const [row] = await getDb()
    .select({ id: users.id, email: users.email, name: users.name, groups: users.groups })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}
