import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { can, forbiddenMessage, type Resource, type Verb } from "./permissions";
import { principalFromRequest } from "./principal";
import type { SessionUser } from "./roles";

/** The signed-in user of the page being rendered, or null; resolved once per request. */
export const getPageUser = cache(async (): Promise<SessionUser | null> => {
  const h = await headers();
  // Pages are browser sessions; an Authorization header on a page request is ignored.
  const cookieOnly = new Headers({ cookie: h.get("cookie") ?? "" });
  return (await principalFromRequest(cookieOnly))?.user ?? null;
});

/** The signed-in user, or a redirect to the sign-in page (an expired or foreign cookie lands here). */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await getPageUser();
  if (!user) redirect("/signin");
  return user;
}

/**
 * The same permission check as the API, for pages: the user, and why they may not (null when they may).
 * Each page checks for itself; a layout's check is skipped on client-side navigation between pages.
 */
export async function authorizePage(
  verb: Verb,
  resource: Resource,
): Promise<{ user: SessionUser; denied: string | null }> {
  const user = await requirePageUser();
  return { user, denied: can(user, verb, resource) ? null : forbiddenMessage(verb, resource, user) };
}
