import { getEnv } from "@/lib/env";
import type { RunLink } from "./types";

/**
 * A link into the portal itself (the sandbox git view) is stored as its path, so it opens under
 * whichever host name the portal is reached by (localhost, 127.0.0.1, a proxy's name), and keeps
 * working when AUTH_URL or PORT change. Links to other servers (Forgejo, ArgoCD) stay absolute.
 */
export function toStoredLink(link: RunLink, portalUrl = defaultPortalUrl()): RunLink {
  let url: URL;
  try {
    url = new URL(link.url);
  } catch {
    return link; // already a path, or not a URL at all
  }
  const own = url.origin === new URL(portalUrl).origin;
  const sandboxView = getEnv().mode === "sandbox" && url.pathname.startsWith("/sandbox/git/");
  return own || sandboxView ? { ...link, url: `${url.pathname}${url.search}${url.hash}` } : link;
}

function defaultPortalUrl(): string {
  const env = getEnv();
  return env.AUTH_URL ?? `http://localhost:${env.PORT}`;
}
