import Link from "next/link";
import { listUnreadNotifications } from "@/lib/notifications/notifications";
import { DismissNotification } from "./dismiss-notification";

/** The signed-in person's unread notices (a dev environment about to expire, …), above every page. */
export async function NotificationBanner({ email }: { email: string }) {
  const notices = await listUnreadNotifications(email);
  if (notices.length === 0) return null;
  return (
    <ul className="mb-4 space-y-2" aria-label="Notifications" data-testid="notifications">
      {notices.map((n) => (
        <li
          key={n.id}
          role="status"
          className="flex items-start justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          <span className="min-w-0 break-words">
            {n.message}
            {n.link ? (
              <>
                {" "}
                <Link className="font-medium underline" href={new URL(n.link, "http://portal").pathname}>
                  Open
                </Link>
              </>
            ) : null}
          </span>
          <DismissNotification id={n.id} />
        </li>
      ))}
    </ul>
  );
}
