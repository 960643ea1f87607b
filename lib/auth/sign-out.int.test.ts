import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import { listAudit } from "@/lib/audit/list-audit";
import { getEnv } from "@/lib/env";
import { setupTestDatabase } from "@/tests/db";
import { authJsBrowser } from "@/tests/auth-js-browser";
import { buildAuthConfig } from "./auth-config";

// Sign-in and sign-out through the real Auth.js handlers (the sandbox's demo-user provider), then the
// very cookie the browser held, presented again the way a copied or stolen cookie would be.

setupTestDatabase();

const SLIPWAY = "http://localhost:3999";

async function me(cookie: string): Promise<number> {
  const req = new Request(`${SLIPWAY}/api/v1/me`, { headers: { cookie } });
  return (await getMe(req, { params: Promise.resolve({}) })).status;
}

describe("sign-out", () => {
  it("ends the session server-side: the old cookie gets 401 afterwards", async () => {
    const { handlers } = NextAuth(buildAuthConfig({ ...getEnv(), mode: "sandbox" }));
    const { jar, send, csrfToken } = authJsBrowser(handlers, SLIPWAY);

    const signIn = await send(
      "POST",
      "/api/auth/callback/sandbox",
      new URLSearchParams({ csrfToken: await csrfToken(), user: "dana", callbackUrl: "/" }),
    );
    expect(signIn.status).toBe(302);
    const session = `authjs.session-token=${jar.get("authjs.session-token")}`;
    expect(await me(session)).toBe(200);

    const signOut = await send("POST", "/api/auth/signout", new URLSearchParams({ csrfToken: await csrfToken() }));
    expect(signOut.status).toBe(302);
    expect(await me(session)).toBe(401);
    // Nor can the old cookie be renewed through Auth.js's session endpoint: it answers no session.
    const renewed = await handlers.GET(
      new NextRequest(new URL("/api/auth/session", SLIPWAY), { headers: { cookie: session } }),
    );
    expect(await renewed.json()).toBeNull();
    const audit = await listAudit({ verb: "auth.sign_out", limit: 10 });
    expect(audit.items.map((row) => row.actor)).toEqual(["dana@slipway.local"]);
  });
});
