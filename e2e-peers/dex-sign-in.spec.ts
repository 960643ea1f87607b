import { expect, test, type Page } from "@playwright/test";

// Signing in through a real Dex: its own login form, its static users' groups, our role mapping.
const password = process.env.SLIPWAY_PEER_DEX_PASSWORD ?? "";
const issuer = new URL(process.env.SLIPWAY_OIDC_ISSUER ?? "http://127.0.0.1:5556/dex");

async function signInThroughDex(page: Page, email: string, secret = password): Promise<void> {
  await page.goto("/me");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fme/);
  await expect(page.getByRole("button", { name: /^Sign in as / })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign in with Dex" }).click();
  await expect(page).toHaveURL((url) => url.host === issuer.host && url.pathname.startsWith(issuer.pathname));
  await page.locator("#login").fill(email);
  await page.locator("#password").fill(secret);
  await page.locator("#submit-login").click();
}

test("an SRE signs in through Dex's login form and lands on their profile with the roles and team Dex's groups give", async ({
  page,
}) => {
  await signInThroughDex(page, "sam@slipway.local");
  await expect(page).toHaveURL(/localhost:\d+\/me$/);
  await expect(page.getByTestId("current-user")).toContainText("Sam Rivera");
  await expect(page.getByTestId("roles")).toContainText("sre");
  await expect(page.getByTestId("roles")).toContainText("developer");
  await expect(page.getByTestId("roles")).not.toContainText("admin");
  await expect(page.getByTestId("teams")).toContainText("platform");
});

test("a developer's groups give their team and no admin rights", async ({ page }) => {
  await signInThroughDex(page, "dana@slipway.local");
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByTestId("roles")).toHaveText(/developer/);
  await expect(page.getByTestId("roles")).not.toContainText("sre");
  await expect(page.getByTestId("teams")).toContainText("payments");
  const res = await page.request.patch("/api/v1/blueprints/service", { data: { title: "Hacked" } });
  expect(res.status()).toBe(403);
});

test("an admin's group opens the blueprint editor", async ({ page }) => {
  await signInThroughDex(page, "ada@slipway.local");
  await expect(page).toHaveURL(/\/me$/);
  await page.goto("/admin/blueprints/service");
  await expect(page.locator('textarea[name="schema"]')).toBeVisible();
});

test("a wrong password stays on Dex's form and signs nobody in", async ({ page }) => {
  await signInThroughDex(page, "dana@slipway.local", "not-the-password");
  await expect(page.locator("#login-error")).toBeVisible();
  await page.goto("/me");
  await expect(page).toHaveURL(/\/signin/);
});
