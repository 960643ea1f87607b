import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER } from "@/lib/http/request-path";

// Cheap first gate for pages: no session cookie at all → the sign-in page, remembering where the
// person was going. The real check (decrypting the cookie, roles, permissions) happens in the pages.
export function proxy(request: NextRequest) {
  const hasSession = request.cookies.getAll().some((c) => c.name.includes("authjs.session-token"));
  if (hasSession) {
    // Not-found pages name what was asked for; they cannot read the URL otherwise.
    const headers = new Headers(request.headers);
    headers.set(REQUEST_PATH_HEADER, request.nextUrl.pathname);
    return NextResponse.next({ request: { headers } });
  }
  const url = request.nextUrl.clone();
  const callbackUrl = `${url.pathname}${url.search}`;
  url.pathname = "/signin";
  url.search = callbackUrl === "/" ? "" : `?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // API routes answer 401 themselves and /metrics checks its own token; static files and the
  // sign-in page need no session.
  matcher: ["/((?!api/|_next/|signin|metrics|favicon.svg).*)"],
};
