import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_PORT } from "../playwright.config";
import { field, succeeded } from "./run-helpers";

// The demo services are seeded like created ones (repositories, overlays, Applications): every
// action works on them, their timelines show weeks of history, and what a run links to opens under
// any host name. Files run in name order on one server; this one leaves its deployments Healthy.

const status = (page: Page) => page.getByTestId("run-status");
// This journey starts 36 Applications' worth of work on a shared machine: its waits are generous.
const slow = { timeout: 60_000 };

async function signInAs(page: Page, name: string, url: string) {
  await page.goto(url);
  await expect(page).toHaveURL(/\/signin/, slow);
  await page.getByRole("button", { name: `Sign in as ${name}` }).click();
  await expect(page.getByTestId("current-user")).toContainText(name, slow);
}

async function runAs(browser: Browser, user: string, url: string, fill: (p: Page) => Promise<void>, submit: string) {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, user, url);
  await fill(page);
  await page.getByRole("button", { name: submit }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/, slow);
  return { page, url: new URL(page.url()).pathname };
}

/** Approves as Sam when the run waits for an approval (staging and prod do; dev may not). */
async function approveIfAsked(browser: Browser, run: { page: Page; url: string }) {
  await expect(status(run.page)).not.toHaveText("queued", slow);
  if ((await status(run.page).textContent()) !== "awaiting_approval") return;
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, "Sam Rivera", run.url);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("run-approvals")).toContainText("sam@slipway.local", slow);
  await page.context().close();
}

let releaseRunUrl = "";

test("scale, release, promote and roll back succeed on seeded demo services, whose timelines show their history", async ({
  browser,
}) => {
  test.setTimeout(400_000);
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, "Dana Okafor", "/catalog/deployment/ledger-prod");
  const timeline = page.getByLabel("Activity");
  await expect(timeline).toContainText(/Promoted \S+ from staging to prod, approved by sam and sofia/, slow);
  await page.goto("/catalog/service/fraud-detector");
  await expect(page.getByLabel("Activity")).toContainText("fraud-detector-dev: Released", slow);

  // The error this used to end with: "The staging overlay of ledger has no replica or resource patch".
  const scale = await runAs(
    browser,
    "Dana Okafor",
    "/actions/scale/new?entity=ledger-staging",
    async (p) => {
      await field(p, "replicas").fill("3");
      await field(p, "reason").fill("Month-end close needs headroom");
    },
    "Run Scale",
  );
  await approveIfAsked(browser, scale);
  await succeeded(scale.page);

  const release = await runAs(
    browser,
    "Dana Okafor",
    "/actions/release/new?entity=payment-gateway-dev",
    (p) => field(p, "version").fill("9.0.0"),
    "Run Release a version",
  );
  await approveIfAsked(browser, release);
  await succeeded(release.page);
  releaseRunUrl = release.url;

  const promote = await runAs(
    browser,
    "Dana Okafor",
    "/actions/promote/new?entity=payment-gateway-dev",
    async (p) => {
      await field(p, "target_environment").selectOption("staging");
    },
    "Run Promote",
  );
  await approveIfAsked(browser, promote);
  await succeeded(promote.page);

  // Staging's seeded history offers the versions it ran before 9.0.0.
  const rollback = await runAs(
    browser,
    "Dana Okafor",
    "/actions/rollback/new?entity=payment-gateway-staging",
    async (p) => {
      const options = await field(p, "target_version").locator("option").allTextContents();
      const earlier = options.filter((o) => /^\d+\.\d+\.\d+$/.test(o) && o !== "9.0.0");
      expect(earlier.length).toBeGreaterThan(0);
      await field(p, "target_version").selectOption(earlier[0]!);
      await field(p, "reason").fill("9.0.0 is slower than the last one");
    },
    "Run Roll back",
  );
  await approveIfAsked(browser, rollback);
  await succeeded(rollback.page);
});

test("a run's links open when the portal is reached as 127.0.0.1, and the git view shows the commit's diff and files", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  expect(releaseRunUrl).not.toBe("");
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, "Dana Okafor", `http://127.0.0.1:${E2E_PORT}${releaseRunUrl}`);
  const commitLink = page.getByRole("link", { name: /^release [0-9a-f]{8}$/ });
  await expect(commitLink).toHaveAttribute("href", /^\/sandbox\/git\/platform\/gitops\/commit\/[0-9a-f]{40}$/, slow);
  await commitLink.click();
  await expect(page).toHaveURL(
    new RegExp(`^http://127\\.0\\.0\\.1:${E2E_PORT}/sandbox/git/platform/gitops/commit/`),
    slow,
  );
  await expect(page.getByTestId("commit-message")).toContainText("Release payment-gateway 9.0.0 to dev", slow);
  const diff = page.locator(
    '[data-testid=diff-file][data-path="services/payment-gateway/overlays/dev/kustomization.yaml"]',
  );
  await expect(diff).toContainText("+    newTag: 9.0.0", slow);
  await expect(diff.getByText(/^-\s+newTag: /)).toBeVisible(slow);
  await diff.getByRole("link", { name: "services/payment-gateway/overlays/dev/kustomization.yaml" }).click();
  await expect(page.getByTestId("file-content")).toContainText("newTag: 9.0.0", slow);
});

test("a failed release says what was undone and what was not, and offers the rollback to the last healthy version", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const broken = await runAs(
    browser,
    "Dana Okafor",
    "/actions/release/new?entity=payment-gateway-dev",
    (p) => field(p, "version").fill("9.0.1-broken"),
    "Run Release a version",
  );
  await approveIfAsked(browser, broken);
  await expect(status(broken.page)).toHaveText("failed", { timeout: 90_000 });
  const error = broken.page.getByTestId("run-error");
  await expect(error).toContainText(
    "Nothing was undone. Still in effect (these steps have no undo): commit-release",
    slow,
  );
  await expect(error).not.toContainText("undoing finished steps", slow);
  const offer = broken.page.getByTestId("run-recovery");
  await expect(offer).toContainText("9.0.1-broken", { timeout: 30_000 });
  await offer.getByRole("button", { name: "Roll back to 9.0.0" }).click();
  await expect(broken.page).not.toHaveURL(new RegExp(`${broken.url}$`), slow);
  await expect(broken.page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/, slow);
  const recovery = { page: broken.page, url: new URL(broken.page.url()).pathname };
  await approveIfAsked(browser, recovery);
  await succeeded(recovery.page);
  await recovery.page.goto("/catalog/deployment/payment-gateway-dev");
  await expect(recovery.page.locator('[data-property="status"]')).toHaveText("Healthy", { timeout: 30_000 });
  await expect(recovery.page.locator('[data-property="version"]')).toHaveText("9.0.0", slow);
});
