import { expect, type Page } from "@playwright/test";

/** Signs in through the sandbox picker as a demo user (by display name) and waits to land in the portal. */
export async function signInAs(page: Page, name: string, path = "/"): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole("button", { name: `Sign in as ${name}` }).click();
  await expect(page.getByTestId("current-user")).toContainText(name);
}

/**
 * A session cookie for a demo user from Auth.js's own credentials endpoint (CSRF token first), for
 * tests that talk HTTP without a browser.
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
