import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

test("a developer requests a run that needs approval; an SRE approves from the inbox; the logs arrive live", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // Earlier specs may leave runs waiting for an SRE: the inbox is read before the request.
  const sreContext = await browser.newContext();
  const sre = await sreContext.newPage();
  await signInAs(sre, "Sam Rivera");
  const badge = sre.getByTestId("inbox-count");
  const waitingBefore = (await badge.count()) === 0 ? 0 : Number(await badge.textContent());

  const devContext = await browser.newContext();
  const dev = await devContext.newPage();
  await signInAs(dev, "Dana Okafor", "/catalog/deployment/payment-gateway-staging");
  await dev.getByRole("link", { name: "Test: promote" }).click();
  await expect(dev.getByTestId("run-entity")).toContainText("Acting on deployment payment-gateway-staging");
  await dev.getByLabel("target_environment").selectOption("staging");
  await dev.getByRole("button", { name: "Run Test: promote" }).click();
  await expect(dev).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(dev.getByTestId("run-status")).toHaveText("awaiting_approval");
  await expect(dev.getByTestId("run-policy")).toContainText("1 approval (sre)");
  // The developer cannot approve their own run.
  await expect(dev.getByRole("button", { name: "Approve" })).toHaveCount(0);
  // Marks this document: if the page reloaded, the marker would be gone.
  await dev.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 42));

  await sre.reload();
  await expect(badge).toHaveText(String(waitingBefore + 1));
  await sre.getByRole("link", { name: "Approvals" }).click();
  await sre
    .getByTestId("run-row")
    .filter({ hasText: "payment-gateway-staging" })
    .getByRole("link", { name: "Test: promote" })
    .click();
  await sre.getByLabel("Comment").fill("staging is free");
  await sre.getByRole("button", { name: "Approve" }).click();
  await expect(sre.getByTestId("run-approvals")).toContainText("sam@slipway.local");

  // Back on the developer's page, untouched since: status and log lines arrive by themselves.
  const log = dev.getByTestId("run-log");
  await expect(log).toContainText("Approved by sam@slipway.local: staging is free");
  await expect(log).toContainText("running unit tests");
  await expect(log).toContainText("promoting payment-gateway-staging to staging");
  await expect(dev.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
  await expect(log.locator("li").last()).toContainText("Succeeded");
  expect(await dev.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(42);
  await expect(dev.getByTestId("run-steps").locator('tr[data-step="tests"]')).toContainText("succeeded");

  // Back to what was waiting before the request.
  if (waitingBefore === 0) await expect(badge).toHaveCount(0);
  else await expect(badge).toHaveText(String(waitingBefore));
  await devContext.close();
  await sreContext.close();
});
