import { expect, test } from "@playwright/test";

// Runs after catalog.spec.ts (files run in name order on one server): that journey counts the demo
// services, and this one adds a service of its own.
import { approve, field, runAs, succeeded } from "./run-helpers";
import { signInAs } from "./sign-in";

test("deployment status follows the (simulated) cluster live; a broken image degrades, fails the run and a rollback heals it", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const create = await runAs(
    browser,
    "Dana Okafor",
    "/actions/create-microservice/new",
    async (p) => {
      await field(p, "name").fill("orders-api");
      await field(p, "team").fill("payments");
      await field(p, "language").selectOption("go");
      await p.getByRole("radio", { name: /^Microservice/ }).check();
    },
    "Run Create microservice",
  );
  // The run waits for ArgoCD; meanwhile the dev deployment page is open and never reloaded.
  await expect(create.page.getByTestId("run-status")).toHaveText(/waiting|succeeded/, { timeout: 60_000 });
  const dev = await (await browser.newContext()).newPage();
  await signInAs(dev, "Dana Okafor", "/catalog/deployment/orders-api-dev");
  await dev.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 1));
  const devActivity = dev.getByLabel("Activity");
  await expect(devActivity).toContainText("→ Progressing", { timeout: 30_000 });
  await expect(devActivity).toContainText("Progressing → Healthy", { timeout: 30_000 });
  await expect(dev.locator('[data-property="status"]')).toHaveText("Healthy", { timeout: 30_000 });
  await expect(dev.locator('[data-property="sync_status"]')).toHaveText("Synced");
  expect(await dev.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(1);
  await succeeded(create.page);

  // A broken image in dev, promoted to staging: Degraded with ArgoCD's message, and the run fails.
  const release = await runAs(
    browser,
    "Dana Okafor",
    "/actions/release/new?entity=orders-api-dev",
    (p) => field(p, "version").fill("0.2.0-broken"),
    "Run Release a version",
  );
  await expect(release.page.getByTestId("run-status")).toHaveText("failed", { timeout: 60_000 });
  const promote = await runAs(
    browser,
    "Dana Okafor",
    "/actions/promote/new?entity=orders-api-dev",
    async (p) => {
      await field(p, "target_environment").selectOption("staging");
    },
    "Run Promote",
  );
  await approve(browser, "Sam Rivera", promote.url);
  const staging = await (await browser.newContext()).newPage();
  await signInAs(staging, "Dana Okafor", "/catalog/deployment/orders-api-staging");
  await expect(staging.locator('[data-property="status"]')).toHaveText("Degraded", { timeout: 60_000 });
  // The page shortens long values; the run's error carries the whole message.
  await expect(staging.locator('[data-property="health_message"]')).toContainText(
    "Deployment orders-api: container orders-api image",
  );
  await expect(promote.page.getByTestId("run-status")).toHaveText("failed", { timeout: 60_000 });
  await expect(promote.page.getByTestId("run-error")).toContainText("orders-api-staging is Degraded");
  await expect(promote.page.getByTestId("run-error")).toContainText("0.2.0-broken: ImagePullBackOff");

  // Rolling staging back to the version it ran brings it back to Healthy, live on the open page.
  const rollback = await runAs(
    browser,
    "Dana Okafor",
    "/actions/rollback/new?entity=orders-api-staging",
    async (p) => {
      await field(p, "target_version").selectOption("0.1.0");
      await field(p, "reason").fill("0.2.0-broken cannot pull its image");
    },
    "Run Roll back",
  );
  await approve(browser, "Sofia Lindqvist", rollback.url);
  await succeeded(rollback.page);
  await expect(staging.locator('[data-property="status"]')).toHaveText("Healthy", { timeout: 30_000 });

  // A good release heals dev too (and leaves no Degraded deployment behind for other journeys).
  const fix = await runAs(
    browser,
    "Dana Okafor",
    "/actions/release/new?entity=orders-api-dev",
    (p) => field(p, "version").fill("0.2.1"),
    "Run Release a version",
  );
  await succeeded(fix.page);
  await expect(dev.locator('[data-property="status"]')).toHaveText("Healthy", { timeout: 30_000 });
});
