import { expect, test, type Browser, type Page } from "@playwright/test";
import { signInAs } from "./sign-in";
import { apiAs, pageWidth } from "./ux-helpers";

// Promotion by branch from an approver's side: prod follows the `production` branch for this spec
// (set back to overlay promotion at the end, for the specs after it).
const service = "receipts";

async function signedIn(browser: Browser, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, name);
  return page;
}

async function finished(page: Page, id: string) {
  await expect
    .poll(async () => ((await (await page.request.get(`/api/v1/runs/${id}`)).json()) as { status: string }).status, {
      timeout: 90_000,
    })
    .toBe("succeeded");
}

test("approvers of a branch promotion see main's commits and the overlay rendered at both heads", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const ada = await signedIn(browser, "Ada Moreau");
  const setPromotion = (promotion: string) =>
    apiAs(ada, "PATCH", "/api/v1/blueprints/environment/entities/prod", { properties: { promotion } });
  await setPromotion("branch");
  try {
    const dana = await signedIn(browser, "Dana Okafor");
    const created = await apiAs(dana, "POST", "/api/v1/actions/create-microservice/runs", {
      input: { name: service, team: "payments", language: "go" },
    });
    await finished(dana, String(created.id));
    const run = await apiAs(dana, "POST", "/api/v1/actions/promote/runs", {
      entity: `${service}-staging`,
      input: { target_environment: "prod", change_ticket: "CHG-1357" },
    });
    const sam = await signedIn(browser, "Sam Rivera");
    await sam.setViewportSize({ width: 1280, height: 900 });
    await sam.goto(`/runs/${String(run.id)}`);
    const summary = sam.getByTestId("change-summary");
    await expect(summary).toContainText("staging → prod", { timeout: 30_000 });
    await expect(summary).toContainText("0.1.0");
    await expect(summary).toContainText("main → production");
    await expect(
      summary.getByRole("link", { name: new RegExp(`#\\d+ \\(promote/${service}-prod-[0-9a-f]{8}\\)`) }),
    ).toBeVisible();
    await expect(sam.getByText("Commits in platform/gitops (on main, not yet on production)")).toBeVisible();
    await expect(sam.getByTestId("change-commits")).toContainText(`Add ${service}`);
    await expect(sam.getByTestId("manifest-diff")).toContainText(`registry.local/payments/${service}:0.1.0`);
    await sam.screenshot({ path: test.info().outputPath("branch-promotion-1280.png"), fullPage: true });
    await sam.setViewportSize({ width: 390, height: 844 });
    await sam.reload();
    await expect(sam.getByTestId("manifest-diff")).toBeVisible({ timeout: 30_000 });
    expect(await pageWidth(sam)).toBeLessThanOrEqual(390);
    await sam.screenshot({ path: test.info().outputPath("branch-promotion-390.png"), fullPage: true });
    await apiAs(dana, "POST", `/api/v1/runs/${String(run.id)}/withdraw`, {});
  } finally {
    await setPromotion("overlay");
  }
});
