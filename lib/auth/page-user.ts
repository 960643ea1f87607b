import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { principalFromRequest } from "./principal";
import type { SessionUser } from "./roles";

/** The signed-in user of the page being rendered, or null. */
export async function getPageUser(): Promise<SessionUser | null> {
  const h = await headers();
  // Pages are browser sessions; an Authorization header on a page request is ignored.
  const cookieOnly = new Headers({ cookie: h.get("cookie") ?? "" });
  return (await principalFromRequest(cookieOnly))?.user ?? null;
}

/** The signed-in user, or a redirect to the sign-in page. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await getPageUser();
  if (!user) redirect("/signin");
  return user;
}
