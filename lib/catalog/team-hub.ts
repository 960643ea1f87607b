import { desc, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { getDb } from "@/lib/db/client";

export type TeamMember = { name: string; email: string; lastSignInAt: string };

const MEMBER_LIMIT = 100;

/**
 * People whose groups (as of their last sign-in) include the team's OIDC group. Membership lives at
 * the identity provider; the portal only knows who signed in, so this is "members seen".
 */
export async function listTeamMembersSeen(oidcGroup: string | null): Promise<TeamMember[]> {
  if (!oidcGroup) return [];
  const rows = await getDb()
    .select({ name: users.name, email: users.email, lastSignInAt: users.lastSignInAt })
    .from(users)
    .where(sql`${users.groups} @> ${JSON.stringify([oidcGroup])}::jsonb`)
    .orderBy(desc(users.lastSignInAt))
    .limit(MEMBER_LIMIT);
  return rows.map((r) => ({ ...r, lastSignInAt: r.lastSignInAt.toISOString() }));
}
