import { and, desc, gte, ilike, lt, notInArray, type SQL } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { auditRowColumns } from "./columns";
import { decodeCursor, encodeCursor } from "@/lib/catalog/cursor";
import { getDb } from "@/lib/db/client";
import { containsPattern } from "@/lib/db/like";

/**
 * Actors of status mirroring: ArgoCD's notifications (app/api/webhooks/argocd) and the Application
 * watch (lib/deployments/status-mirror.ts). Their rows are most of the log and rarely what a person looks for.
 */
export const MIRRORING_ACTORS = ["argocd", "argocd-watch"];

export type AuditQuery = {
  /** Actor, verb and target match anywhere in the value, ignoring case. */
  actor?: string;
  verb?: string;
  target?: string;
  /** Leaves out the rows of status mirroring (MIRRORING_ACTORS). */
  hideMirroring?: boolean;
  /** Inclusive lower bound on `at`. */
  from?: Date;
  /** Exclusive upper bound on `at`. */
  to?: Date;
  /** `nextCursor` of the previous page. */
  cursor?: string;
  limit: number;
};

export type AuditItem = {
  id: number;
  at: string;
  actor: string;
  verb: string;
  target: string;
  data: Record<string, unknown>;
  hash: string;
};

export type AuditPage = { items: AuditItem[]; nextCursor: string | null };

export const AUDIT_PAGE_MAX = 200;

/** Newest first, keyset-paginated on id (which is chain order: ids are drawn under the chain lock). */
export async function listAudit(query: AuditQuery): Promise<AuditPage> {
  const limit = Math.min(Math.max(Math.trunc(query.limit) || 1, 1), AUDIT_PAGE_MAX);
  const conditions: SQL[] = [];
  if (query.actor) conditions.push(ilike(auditLog.actor, containsPattern(query.actor)));
  if (query.verb) conditions.push(ilike(auditLog.verb, containsPattern(query.verb)));
  if (query.target) conditions.push(ilike(auditLog.target, containsPattern(query.target)));
  if (query.hideMirroring) conditions.push(notInArray(auditLog.actor, MIRRORING_ACTORS));
  if (query.from) conditions.push(gte(auditLog.at, query.from));
  if (query.to) conditions.push(lt(auditLog.at, query.to));
  if (query.cursor) conditions.push(lt(auditLog.id, decodeCursor(query.cursor).id));
  const rows = await getDb()
    .select(auditRowColumns)
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor({ v: last.at.toISOString(), id: last.id }) : null;
  return { items: page.map((r) => ({ ...r, at: r.at.toISOString() })), nextCursor };
}

/** Verbs that occur in the log, for the filter's suggestions (a loose index scan would be overkill here). */
export async function listAuditVerbs(): Promise<string[]> {
  const rows = await getDb().selectDistinct({ verb: auditLog.verb }).from(auditLog).orderBy(auditLog.verb);
  return rows.map((r) => r.verb);
}
