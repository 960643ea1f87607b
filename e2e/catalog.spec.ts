import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

test.beforeEach(async ({ page }) => signInAs(page, "Dana Okafor"));

test("browse the catalog, search a service, open it and follow relations both ways", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Service catalog" })).toBeVisible();
  await expect(page.locator("[data-testid^=service-row-]")).toHaveCount(12);
  // Per-environment chips with status and version.
  await expect(page.getByTestId("service-row-ledger").getByText(/^staging 1\.\d+\.\d+$/)).toBeVisible();

  await page.getByRole("searchbox", { name: "Search" }).fill("ledg");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=ledg/);
  await expect(page.locator("[data-testid^=service-row-]")).toHaveCount(1);

  await page.getByRole("link", { name: "Ledger" }).click();
  await expect(page.getByRole("heading", { name: "Ledger" })).toBeVisible();
  await expect(page.getByTestId("deployment-prod")).toContainText("Healthy");

  // Outgoing relation: ledger depends on audit-exporter.
  await page.getByRole("link", { name: "Audit Exporter" }).click();
  await expect(page.getByRole("heading", { name: "Audit Exporter" })).toBeVisible();
  // Incoming relation: ledger points at audit-exporter, so it is listed here too.
  await expect(page.getByText("Services that depend on this service")).toBeVisible();
  await page.getByRole("link", { name: "Ledger" }).click();
  await expect(page).toHaveURL(/\/catalog\/service\/ledger$/);
});

test("a blueprint's entity table filters and paginates", async ({ page }) => {
  await page.goto("/catalog/deployment?limit=10");
  await expect(page.locator("tbody tr")).toHaveCount(10);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(page.locator("tbody tr")).toHaveCount(10);
  await page.goto("/catalog/deployment");
  await page.getByLabel("Health").selectOption("Degraded");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.locator("tbody")).toContainText("fraud-detector (staging)");
});
