import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";
import { apiAs, pageWidth, runAwaitingApproval } from "./ux-helpers";

test("search everywhere: / opens it, arrows choose, Enter opens the hit; Ctrl-K opens it too", async ({ page }) => {
  await signInAs(page, "Dana Okafor");
  const box = page.getByRole("combobox", { name: "Search entities, runs and actions" });
  // A key pressed before the page has hydrated reaches no listener: press until the palette opens
  // (opening is idempotent, so a second press changes nothing).
  const openWith = (key: string) =>
    expect(async () => {
      await page.keyboard.press(key);
      await expect(box).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
  await openWith("/");
  await expect(box).toBeFocused();
  await box.pressSequentially("ledger");
  const hits = page.getByRole("option");
  await expect(hits.first()).toContainText("Ledger");
  await expect(hits.first()).toHaveAttribute("aria-selected", "true");
  expect(await hits.count()).toBeGreaterThan(1);
  await box.press("ArrowDown");
  await expect(hits.nth(1)).toHaveAttribute("aria-selected", "true");
  await box.press("ArrowUp");
  await expect(hits.first()).toHaveAttribute("aria-selected", "true");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/catalog\/service\/ledger$/);
  await expect(page.getByRole("heading", { name: "Ledger", level: 1 })).toBeVisible();
  await expect(page.getByRole("dialog")).toBeHidden();

  // Ctrl-K from anywhere, even while typing in another field; a run found by its action.
  await page.goto("/runs");
  await openWith("Control+k");
  await box.fill("create-micro");
  await expect(page.getByTestId("search-hit").filter({ hasText: "Create microservice" })).toBeVisible();
  await box.press("Escape");
  await expect(box).toBeHidden();
  // And by pointer, from the navigation.
  await page.getByRole("button", { name: "Find anything" }).click();
  await expect(box).toBeFocused();
});

test("audit log: a before/after diff, partial filters, status mirroring hidden until asked for", async ({ page }) => {
  await signInAs(page, "Ada Moreau");
  const id = `ux-audit-${Date.now()}`;
  await apiAs(page, "POST", "/api/v1/blueprints/team/entities", { identifier: id, title: "Before title" });
  await apiAs(page, "PATCH", `/api/v1/blueprints/team/entities/${id}`, { title: "After title" });
  // A status report as ArgoCD sends it: the kind of row the log hides by default.
  const report = await page.request.post("/api/webhooks/argocd", {
    headers: { "x-slipway-secret": "e2e-argocd-webhook-secret-000" },
    data: {
      entity: "payment-gateway-staging",
      event: "status",
      observedAt: new Date().toISOString(),
      properties: { health_message: `checked ${id}` },
    },
  });
  expect(report.status(), await report.text()).toBe(200);

  await page.goto("/admin/audit");
  // Partial, case-insensitive target filter.
  await page.getByLabel("Target").fill(id.toUpperCase().slice(0, -3));
  await page.getByLabel("Verb").fill("update");
  await page.getByRole("button", { name: "Filter" }).click();
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(1);
  const diff = rows.first().getByTestId("audit-diff");
  await expect(diff.locator("del")).toHaveText("Before title");
  await expect(diff.locator("ins")).toHaveText("After title");
  await expect(diff).toContainText("title");

  await page.goto("/admin/audit?target=payment-gateway-staging&actor=argo");
  await expect(rows).toHaveCount(0);
  await expect(page.getByText("No audit rows match these filters.")).toBeVisible();
  await page.getByLabel("Show status mirroring (ArgoCD reports)").check();
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/mirroring=show/);
  await expect(rows.filter({ hasText: `checked ${id}` })).toHaveCount(1);
});

test("phones: the navigation folds into a menu and no listed page scrolls sideways at 390 px", async ({ browser }) => {
  const run = await runAwaitingApproval(browser);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signInAs(page, "Sam Rivera");
  const menu = page.getByRole("button", { name: "Menu" });
  const runsLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Runs", exact: true });
  await expect(runsLink).toBeHidden();
  await menu.click();
  await expect(runsLink).toBeVisible();
  await runsLink.click();
  await expect(page).toHaveURL(/\/runs$/);
  await expect(runsLink).toBeHidden();

  for (const path of ["/", "/catalog/service", "/catalog/service/ledger", run.url, "/runs?view=approvals"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await pageWidth(page), path).toBeLessThanOrEqual(390);
  }
  await context.close();
  await run.withdraw();
});

test("active navigation item and breadcrumbs", async ({ page }) => {
  await signInAs(page, "Dana Okafor", "/runs?view=approvals");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Approvals" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Runs", exact: true })).not.toHaveAttribute("aria-current", "page");
  await page.goto("/catalog/service/ledger");
  await expect(nav.locator('[aria-current="page"]')).toHaveText("Service");
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs).toContainText("Home");
  await crumbs.getByRole("link", { name: "Service" }).click();
  await expect(page).toHaveURL(/\/catalog\/service$/);
});

test("robust pages: a bad cursor or filter says so; a 404 names what is missing", async ({ page }) => {
  await signInAs(page, "Dana Okafor");
  const home = await page.goto("/?cursor=garbage");
  expect(home?.status()).toBe(200);
  await expect(page.getByTestId("url-problem")).toContainText("Invalid cursor in this link. Showing the first page.");
  await expect(page.locator("[data-testid^=service-row-]").first()).toBeVisible();

  await page.goto("/catalog/deployment?property.colour=blue");
  await expect(page.getByTestId("url-problem")).toContainText('Blueprint deployment has no property "colour"');

  const missing = await page.goto("/catalog/service/no-such-service");
  expect(missing?.status()).toBe(404);
  await expect(page.getByTestId("not-found-message")).toHaveText(/There is no service “no-such-service”/);
  await page.goto("/catalog/widgets/x");
  await expect(page.getByTestId("not-found-message")).toHaveText("There is no blueprint “widgets”.");
  await page.goto("/runs/00000000-0000-0000-0000-000000000000");
  await expect(page.getByTestId("not-found-message")).toHaveText(
    "There is no run “00000000-0000-0000-0000-000000000000”.",
  );
});

test("dates read relative with the exact time on hover; profile tokens copy, expire and confirm revoking", async ({
  page,
}) => {
  await signInAs(page, "Dana Okafor", "/me");
  await page.getByPlaceholder("ci pipeline").fill("ux token");
  await page.getByLabel("Expires after").selectOption({ label: "7 days" });
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("new-token")).toContainText("slw_");
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  const row = page.getByRole("row", { name: /ux token/ });
  await expect(row.locator("time").first()).toHaveText("just now");
  await expect(row.locator("time").first()).toHaveAttribute("title", /\d{4}.*\d\d:\d\d:\d\d/);
  await expect(row.locator("time").nth(1)).toHaveText("in 7 days");

  await row.getByRole("button", { name: "Revoke ux token" }).click();
  await row.getByRole("button", { name: "Keep" }).click();
  await expect(row).not.toContainText("revoked");
  await row.getByRole("button", { name: "Revoke ux token" }).click();
  await row.getByRole("button", { name: "Confirm revoking ux token" }).click();
  await expect(row).toContainText("revoked");
});
