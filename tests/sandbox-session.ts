/**
 * A session cookie (`name=value`) for a demo user from Auth.js's own credentials endpoint (CSRF token
 * first), for tests and benchmarks that talk HTTP without a browser.
 */
export async function sandboxSessionCookie(base: string, user: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await fetch(`${base}/api/auth/callback/sandbox`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, user, callbackUrl: "/" }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sandbox sign-in as ${user} failed (${res.status})`);
  return session.split(";")[0]!;
}
