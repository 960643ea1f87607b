import { eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { invalidateLocally } from "@/lib/db/cache-invalidation";
import { getDb, type Executor } from "@/lib/db/client";
import type { Identity } from "./identity";

/** Saves who signed in (with today's groups, which their API tokens then act with) and audits it. */
export async function recordSignIn(identity: Identity, provider: string): Promise<void> {
  await getDb().transaction(async (tx) => {
    await ensureUser(tx, identity, { signIn: true });
    await appendAudit(tx, {
      actor: identity.email,
      verb: "auth.sign_in",
      target: `user:${identity.id}`,
      data: { provider, groups: identity.groups },
    });
  });
  // Today's groups apply to the user's tokens at once in this process (others: trigger in 0008).
  invalidateLocally(`user:${identity.id}`);
}

export async function recordSignOut(identity: Pick<Identity, "id" | "email">): Promise<void> {
  await appendAudit(getDb(), { actor: identity.email, verb: "auth.sign_out", target: `user:${identity.id}` });
}

/**
 * Creates or refreshes the user row from a session's identity. Sessions outlive database resets
 * (and restores), so writers that reference users call this rather than assume the row exists.
 */
export async function ensureUser(db: Executor, identity: Identity, opts: { signIn?: boolean } = {}): Promise<void> {
  const profile = { email: identity.email, name: identity.name, groups: identity.groups };
  await db
    .insert(users)
    .values({ id: identity.id, ...profile })
    .onConflictDoUpdate({ target: users.id, set: opts.signIn ? { ...profile, lastSignInAt: sql`now()` } : profile });
}

export async function findIdentity(userId: string): Promise<Identity | null> {
  const [row] = await getDb()
    .select({ id: users.id, email: users.email, name: users.name, groups: users.groups })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}
