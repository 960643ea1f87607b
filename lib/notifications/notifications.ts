import { and, desc, eq, isNull } from "drizzle-orm";
import { notifications } from "@/db/schema";
import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

// In-portal notices for one person; the portal shows the unread ones as a banner until dismissed.

export type Notification = { id: string; message: string; link: string | null; createdAt: string };

const columns = {
  id: notifications.id,
  message: notifications.message,
  link: notifications.link,
  createdAt: notifications.createdAt,
};

export async function createNotification(input: { userEmail: string; message: string; link?: string }): Promise<void> {
  await getDb()
    .insert(notifications)
    .values({ userEmail: input.userEmail.toLowerCase(), message: input.message, link: input.link ?? null });
}

/** The newest unread notices of one person (at most 20: a banner, not an archive). */
export async function listUnreadNotifications(userEmail: string): Promise<Notification[]> {
  const rows = await getDb()
    .select(columns)
    .from(notifications)
    .where(and(eq(notifications.userEmail, userEmail.toLowerCase()), isNull(notifications.readAt)))
    .orderBy(desc(notifications.createdAt))
    .limit(20);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** Whom a notice is addressed to (for the permission check); throws not found. */
export async function getNotificationRecipient(id: string): Promise<string> {
  const [row] = await getDb()
    .select({ userEmail: notifications.userEmail })
    .from(notifications)
    .where(eq(notifications.id, id));
  if (!row) throw notFound(`Notification ${id}`);
  return row.userEmail;
}

/** Dismisses the notice (idempotent: dismissing it again keeps the first time). */
export async function markNotificationRead(id: string): Promise<void> {
  await getDb()
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, id), isNull(notifications.readAt)));
}
