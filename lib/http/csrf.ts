import { AppError } from "@/lib/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery defence for cookie-authenticated calls (tokens are not sent by
 * browsers on their own, so token calls skip this). A mutation must be JSON (a cross-site form can
 * only send text/plain, urlencoded or multipart) and, when the browser says where it comes from
 * (`Sec-Fetch-Site`, `Origin`), come from this portal's own origin. Clients that send neither
 * header are not browsers and cannot be forged into a request.
 */
export function assertSameOriginMutation(req: Request, publicUrl: string | undefined): void {
  if (SAFE_METHODS.has(req.method)) return;
  const type = req.headers.get("content-type");
  if (type && !/^application\/([a-z.+-]*\+)?json\b/i.test(type.trim())) {
    throw new AppError("unsupported_media_type", "Send the request body as application/json");
  }
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new AppError("forbidden", "Cross-site requests cannot use a browser session");
  }
  const origin = req.headers.get("origin");
  if (origin && !allowedHosts(req, publicUrl).has(hostOf(origin))) {
    throw new AppError("forbidden", "Cross-site requests cannot use a browser session");
  }
}

// The request's own host (as the browser addressed it) and the configured public URL's.
function allowedHosts(req: Request, publicUrl: string | undefined): Set<string> {
  const hosts = new Set<string>();
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (host) hosts.add(host.toLowerCase());
  if (publicUrl) hosts.add(hostOf(publicUrl));
  return hosts;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return "";
  }
}
