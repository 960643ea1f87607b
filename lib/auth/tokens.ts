import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { apiTokens, users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { invalidateLocally } from "@/lib/db/cache-invalidation";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Identity } from "./identity";
import type { ApiToken, Scope, TokenCreateInput } from "./token-schema";
import { ensureUser } from "./users";

// The secret has 256 random bits, so a plain SHA-256 is enough: there is nothing to brute-force.
export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");
const TOKEN_PREFIX = "slw_";

const tokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  scopes: apiTokens.scopes,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

type TokenRow = Omit<ApiToken, "createdAt" | "expiresAt" | "lastUsedAt" | "revokedAt" | "scopes"> & {
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);
function toApiToken(row: TokenRow): ApiToken {
  return {
    ...row,
    scopes: row.scopes as Scope[],
    createdAt: row.createdAt.toISOString(),
    expiresAt: iso(row.expiresAt),
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
  };
}

/** Creates a token; the returned `secret` is the only time it is ever visible. */
export async function createApiToken(owner: Identity, input: TokenCreateInput): Promise<ApiToken & { secret: string }> {
  const secret = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  return getDb().transaction(async (tx) => {
    await ensureUser(tx, owner);
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId: owner.id,
        name: input.name,
        scopes: input.scopes,
        tokenHash: hashSecret(secret),
        prefix: secret.slice(0, 10),
        expiresAt,
      })
      .returning(tokenColumns);
    const token = toApiToken(row!);
    await appendAudit(tx, {
      actor: owner.email,
      verb: "token.create",
      target: `token:${token.id}`,
      data: { name: token.name, scopes: token.scopes },
    });
    return { ...token, secret };
  });
}

export async function listApiTokens(userId: string): Promise<ApiToken[]> {
  const rows = await getDb()
    .select(tokenColumns)
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(toApiToken);
}

/** Revokes one of the owner's tokens; it stops working on the very next request. */
export async function revokeApiToken(owner: Identity, tokenId: string): Promise<void> {
  await getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, owner.id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name });
    if (!row) throw new AppError("not_found", "No active token with this id");
    await appendAudit(tx, {
      actor: owner.email,
      verb: "token.revoke",
      target: `token:${row.id}`,
      data: { name: row.name },
    });
  });
  // This process forgets it now; the others on the trigger's notification (see token-principal.ts).
  invalidateLocally(`token:${tokenId}`);
}

/** The owner and scopes of a live token, or null for unknown, revoked and expired ones. */
export async function authenticateApiToken(
  secret: string,
): Promise<{ identity: Identity; scopes: Scope[]; tokenId: string; expiresAt: Date | null } | null> {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const db = getDb();
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      scopes: apiTokens.scopes,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      id: users.id,
      email: users.email,
      name: users.name,
      groups: users.groups,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashSecret(secret)),
        isNull(apiTokens.revokedAt),
        sql`(${apiTokens.expiresAt} is null or ${apiTokens.expiresAt} > now())`,
      ),
    );
  if (!row) return null;
  const { tokenId, scopes, lastUsedAt, expiresAt, ...identity } = row;
  // "Last used" to the minute is plenty, and spares a write on every API call.
  if (!lastUsedAt || Date.now() - lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(eq(apiTokens.id, tokenId));
  }
  return { identity, scopes: scopes as Scope[], tokenId, expiresAt };
}
