import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

test.beforeEach(async ({ page }) => signInAs(page, "Sam Rivera", "/dashboards/catalog"));

test("catalog matrix: demo services in every environment, filters, a chart with its numbers as a table", async ({
  page,
}) => {
  await expect(page.getByRole("link", { name: "Catalog matrix" }).first()).toBeVisible();
  await expect(page.locator("[data-testid^=matrix-row-]")).toHaveCount(12);
  await expect(page.getByTestId("matrix-row-cart")).toContainText(/1\.\d+\.\d+/);
  await expect(page.locator("[data-testid=chart] svg").first()).toBeVisible();
  // The chart's numbers as text: 12 prod deployments, counted by health.
  const prod = page.getByTestId("health-table").getByRole("row", { name: /^prod/ });
  await expect(prod).toBeVisible();
  const cells = await prod.getByRole("cell").allInnerTexts();
  expect(cells.slice(1).reduce((n, c) => n + Number(c), 0)).toBe(12);
  await expect(page.getByTestId("activity-table")).toContainText(/promote|release|rollback/);

  await page.locator("select[name=team]").selectOption("checkout");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/team=checkout/);
  await expect(page.locator("[data-testid^=matrix-row-]")).toHaveCount(4);
  await page.locator("select[name=team]").selectOption("");
  await page.locator("select[name=health]").selectOption("Degraded");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.locator("[data-testid^=matrix-row-]")).toHaveCount(1);
  await expect(page.getByTestId("matrix-row-fraud-detector")).toBeVisible();
});

test("pipeline: versions per stage, what waits for approval, versions ahead, run outcomes", async ({ page }) => {
  await page.goto("/dashboards/pipeline");
  await expect(page.locator("[data-testid^=pipeline-row-]")).toHaveCount(12);
  await expect(page.getByTestId("pipeline-table")).toContainText(/staging is \d+ versions? ahead of prod/);
  await expect(page.getByTestId("waiting-table")).toContainText("promote");
  await expect(page.getByTestId("runs-table")).toContainText("%");
  await page.locator("select[name=team]").selectOption("platform");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.locator("[data-testid^=pipeline-row-]")).toHaveCount(4);
  await expect(page.getByTestId("pipeline-row-auth-proxy")).toBeVisible();
});

test("resources: totals per team and environment, scaling history with reasons", async ({ page }) => {
  await page.goto("/dashboards/resources");
  await expect(page.getByTestId("totals-table").getByRole("row")).toHaveCount(10); // header + 3 teams × 3 envs
  await expect(page.getByTestId("scaling-table")).toContainText("Black Friday");
  await page.locator("select[name=environment]").selectOption("prod");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("totals-table").getByRole("row")).toHaveCount(4);
});

test("DORA: four metrics with levels; the period switch and the team filter change the figures", async ({ page }) => {
  await page.goto("/dashboards/dora?period=30d");
  for (const m of ["frequency", "lead-time", "change-failure", "recovery"])
    await expect(page.getByTestId(`metric-${m}`).locator("[data-level]")).toBeVisible();
  const month = await page.getByTestId("metric-frequency").innerText();
  await page.getByText("The chart's numbers").click();
  await expect(page.getByTestId("daily-table").getByRole("row")).toHaveCount(32); // header + 31 days
  await page.getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(/period=7d/);
  await expect(page.getByTestId("period")).toContainText("(7 days)");
  expect(await page.getByTestId("metric-frequency").innerText()).not.toBe(month);
  await page.locator("select[name=team]").selectOption("payments");
  await page.locator("select[name=period]").selectOption("90d");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("teams-table")).toContainText("payments");
  await expect(page.getByTestId("teams-table")).not.toContainText("checkout");
});
