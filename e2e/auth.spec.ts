import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

const USERS = [
  { name: "Dana Okafor", roles: ["developer"], teams: ["payments"], admin: false },
  { name: "Carl Jensen", roles: ["developer"], teams: ["checkout"], admin: false },
  { name: "Sam Rivera", roles: ["sre", "developer"], teams: ["platform"], admin: false },
  { name: "Sofia Lindqvist", roles: ["sre", "developer"], teams: [], admin: false },
  { name: "Ada Moreau", roles: ["admin", "developer"], teams: ["platform"], admin: true },
];

test("an anonymous visitor is sent to the sign-in page and brought back afterwards", async ({ page }) => {
  await page.goto("/catalog/service");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fcatalog%2Fservice/);
  await page.getByRole("button", { name: "Sign in as Dana Okafor" }).click();
  await expect(page).toHaveURL(/\/catalog\/service$/);
});

for (const u of USERS) {
  test(`${u.name} signs in, sees their roles and teams, and ${u.admin ? "can" : "cannot"} open the blueprint editor`, async ({
    page,
  }) => {
    await signInAs(page, u.name, "/me");
    for (const r of u.roles) await expect(page.getByTestId("roles")).toContainText(r);
    for (const t of u.teams) await expect(page.getByTestId("teams")).toContainText(t);

    await page.goto("/admin/blueprints/service");
    if (u.admin) {
      await expect(page.locator('textarea[name="schema"]')).toBeVisible();
    } else {
      await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
      await expect(page.getByRole("main").getByRole("alert")).toContainText("Only admins can change blueprints");
      await expect(page.locator('textarea[name="schema"]')).toHaveCount(0);
      // The API agrees with the page.
      const res = await page.request.patch("/api/v1/blueprints/service", { data: { title: "Hacked" } });
      expect(res.status()).toBe(403);
    }
  });
}

test("a token made on the profile page works with Bearer until it is revoked; the admin sees both in the audit log", async ({
  page,
  playwright,
}) => {
  await signInAs(page, "Dana Okafor", "/me");
  await page.getByPlaceholder("ci pipeline").fill("e2e laptop");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token").textContent())!.trim();
  const api = await playwright.request.newContext({
    baseURL: page.url().replace(/\/me$/, ""),
    extraHTTPHeaders: { authorization: `Bearer ${secret}` },
  });
  expect((await api.get("/api/v1/me")).status()).toBe(200);
  await page.getByRole("button", { name: "Revoke e2e laptop" }).click();
  await page.getByRole("button", { name: "Confirm revoking e2e laptop" }).click();
  await expect(page.getByRole("row", { name: /e2e laptop/ })).toContainText("revoked");
  expect((await api.get("/api/v1/me")).status()).toBe(401);
  await api.dispose();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await signInAs(page, "Ada Moreau", "/admin/audit?actor=dana%40slipway.local");
  const rows = page.getByTestId("audit-row");
  await expect(rows.filter({ hasText: "token.revoke" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "token.create" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "auth.sign_in" }).first()).toBeVisible();
  await page.getByLabel("Verb").fill("token.revoke");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(rows).toHaveCount(1);
});
