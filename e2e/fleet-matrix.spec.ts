import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

// The demo catalog spreads prod over two clusters (eu-central, us-east); notification-hub's prod
// deployment is OutOfSync on us-east only.
test("what runs where: per-cluster versions, health and sync for a two-cluster environment", async ({ page }) => {
  await signInAs(page, "Dana Okafor", "/");
  await page.getByRole("link", { name: "What runs where" }).first().click();
  await expect(page).toHaveURL(/\/fleet$/);
  await expect(page.getByRole("heading", { name: "What runs where" })).toBeVisible();
  await expect(page.getByTestId("fleet-environments")).toContainText(
    "prod (argocd: eu-central · eu-central-1, us-east · us-east-1)",
  );

  const prod = page.getByTestId("fleet-cell-notification-hub-prod");
  const eu = prod.getByTestId("fleet-cluster-notification-hub-prod-eu-central");
  const us = prod.getByTestId("fleet-cluster-notification-hub-prod-us-east");
  await expect(eu).toContainText(/eu-central\s*1\.\d+\.\d+\s*Healthy\s*Synced/);
  await expect(us).toContainText(/us-east\s*1\.\d+\.\d+\s*Healthy\s*OutOfSync/);
  // Single-cluster environments show one line, without a cluster breakdown.
  const dev = page.getByTestId("fleet-cell-notification-hub-dev");
  await expect(dev.locator("li")).toHaveCount(1);
  await expect(dev).toContainText(/sandbox\s*1\.\d+\.\d+/);
  await expect(page.locator("[data-testid^=fleet-row-]")).toHaveCount(12);
});
