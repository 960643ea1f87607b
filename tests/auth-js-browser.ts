import type NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { CookieJar } from "./oidc-issuer";

type AuthJsHandlers = ReturnType<typeof NextAuth>["handlers"];

/**
 * A browser in front of Auth.js's own route handlers (called directly, nothing listens on `origin`):
 * it keeps the cookies they set and posts forms the way the sign-in and sign-out pages do.
 */
export function authJsBrowser(handlers: AuthJsHandlers, origin: string) {
  const jar = new CookieJar();
  const send = async (method: "GET" | "POST", path: string, body?: URLSearchParams) => {
    const headers = new Headers({ cookie: jar.header() });
    if (body) headers.set("content-type", "application/x-www-form-urlencoded");
    const res = await handlers[method](new NextRequest(new URL(path, origin), { method, headers, body }));
    jar.store(res);
    return res;
  };
  const csrfToken = async () =>
    ((await (await send("GET", "/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  return { jar, send, csrfToken };
}
