import { expect, test, type Browser, type Page } from "@playwright/test";
import { approve, field, runAs, succeeded } from "./run-helpers";
import { signInAs } from "./sign-in";

// The service page as the hub, the team page, forms people read and actions refused with a reason,
// on a service created through the form (so every action works on it).
const SERVICE = "hub-svc";

async function pageAs(browser: Browser, user: string, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, user, path);
  return page;
}

test("the service page is the hub; forms read as words; Carl sees why he cannot promote", async ({ browser }) => {
  test.setTimeout(300_000);

  // Forms: titles instead of keys, the team picker at Dana's team, template cards, readable errors.
  const create = await runAs(
    browser,
    "Dana Okafor",
    "/actions/create-microservice/new",
    async (page) => {
      await expect(page.getByLabel("Service name")).toBeVisible();
      await expect(page.getByLabel("Owning team")).toBeVisible();
      await expect(page.getByLabel("Redis cache")).toBeVisible();
      await expect(page.getByText("redis", { exact: true })).toHaveCount(0);
      await expect(field(page, "team")).toHaveValue("payments");
      await expect(page.getByTestId("my-teams")).toHaveText("Your teams: payments");
      await expect(page.getByTestId("choice-batch-job")).toContainText("A job run on a schedule by a CronJob");
      await expect(page.getByRole("radio", { name: /API service/ })).toBeChecked();
      await field(page, "name").fill("9-hub");
      await page.getByRole("button", { name: "Run Create microservice" }).click();
      await expect(page.getByText("The service name must start with a lowercase letter")).toBeVisible();
      await expect(page.getByText(/must match pattern/)).toHaveCount(0);
      await field(page, "name").fill(SERVICE);
      await field(page, "language").selectOption("go");
      await page.getByRole("radio", { name: /Web app/ }).check();
    },
    "Run Create microservice",
  );
  await succeeded(create.page);
  await create.page.context().close();

  const release = await runAs(
    browser,
    "Dana Okafor",
    `/actions/release/new?entity=${SERVICE}-dev`,
    async (p) => {
      await field(p, "version").fill("0.2.0");
      await field(p, "notes").fill("checkout retries");
    },
    "Run Release a version",
  );
  await succeeded(release.page);
  await release.page.context().close();

  // Scale: pre-filled with what the dev overlay asks for, and the allowed range shown before submit.
  const dana = await pageAs(browser, "Dana Okafor", `/actions/scale/new?entity=${SERVICE}-dev`);
  await expect(field(dana, "replicas")).toHaveValue(/^\d+$/);
  await expect(dana.getByText("dev allows 1 to 5 replicas").first()).toBeVisible();
  await expect(field(dana, "memory_limit")).not.toHaveValue("");
  await field(dana, "replicas").fill("50");
  await field(dana, "reason").fill("load test");
  await dana.getByRole("button", { name: "Run Scale" }).click();
  await expect(dana.locator(".error-detail")).toContainText("dev allows 1 to 5 replicas");
  await expect(dana).toHaveURL(/\/actions\/scale\/new/);

  // The hub: one card per environment with version, health, actions; staging cannot take a release.
  await dana.goto(`/catalog/service/${SERVICE}`);
  const dev = dana.getByTestId("deployment-dev");
  await expect(dev.getByTestId("env-version")).toHaveText("0.2.0", { timeout: 30_000 });
  await expect(dev.locator("[data-status]")).toHaveAttribute("data-status", /Healthy|Progressing/);
  await expect(dev.getByTestId("env-last-deploy")).toContainText("by dana@slipway.local");
  await expect(dev.getByTestId("env-replicas")).not.toHaveText("—");
  for (const id of ["release", "promote", "rollback", "scale"])
    await expect(dev.getByTestId(`env-action-${id}`)).toHaveAttribute(
      "href",
      `/actions/${id}/new?entity=${SERVICE}-dev`,
    );
  const staging = dana.getByTestId("deployment-staging");
  await expect(staging.getByTestId("env-action-release")).toBeDisabled();
  await expect(staging.getByTestId("env-action-release")).toHaveAttribute(
    "data-disabled-reason",
    "Releases go to dev; promote from there",
  );
  await expect(dana.getByTestId("deployment-prod").getByTestId("env-action-promote")).toBeDisabled();
  // Side by side: dev runs 0.2.0, staging not yet, so the difference is marked.
  const versions = dana.getByTestId("compare-version");
  await expect(versions.locator("td").first()).toHaveText("0.2.0");
  await expect(versions.locator("td[data-differs=true]")).not.toHaveCount(0);
  const history = dana.getByTestId("deploy-record").first();
  await expect(history).toContainText("dev");
  await expect(history).toContainText("released 0.2.0");
  await expect(history).toContainText("dana@slipway.local");
  await expect(history).toContainText("checkout retries");
  await expect(history.getByRole("link", { name: "run" })).toHaveAttribute("href", release.url);
  // Relations in words.
  await expect(dana.getByText("Deployments of this service")).toBeVisible();

  // Promote from the hub: the next environment is preselected.
  await dev.getByTestId("env-action-promote").click();
  await expect(field(dana, "target_environment").locator("option:checked")).toHaveText("staging");
  await expect(dana.getByLabel("Promote to")).toBeVisible();
  await dana.getByRole("button", { name: "Run Promote" }).click();
  await expect(dana).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const promoteUrl = new URL(dana.url()).pathname;
  await expect(dana.getByTestId("run-status")).toHaveText("awaiting_approval");

  // The team page: its services, members seen in sign-ins, the approval it waits for.
  await dana.goto("/catalog/team/payments");
  await expect(dana.getByTestId("team-services")).toContainText(SERVICE);
  await expect(dana.getByTestId("team-members")).toContainText("Dana Okafor");
  const pending = dana.locator(`[data-testid=run-row][data-run-id="${promoteUrl.split("/").pop()}"]`);
  await expect(pending).toContainText("Promote");

  // Carl (team checkout) sees the buttons disabled with the reason, and a refused request says why.
  const carl = await pageAs(browser, "Carl Jensen", `/catalog/service/${SERVICE}`);
  const carlPromote = carl.getByTestId("deployment-dev").getByTestId("env-action-promote");
  await expect(carlPromote).toBeDisabled();
  await expect(carlPromote).toHaveAttribute("title", "You are not a member of team payments");
  await expect(carl.getByTestId("deployment-dev").getByTestId("env-action-reason")).toHaveText(
    "You are not a member of team payments.",
  );
  await carl.goto(`/catalog/deployment/${SERVICE}-dev`);
  await expect(carl.getByTestId("entity-action-promote").getByTestId("action-disabled-reason")).toContainText(
    "You are not a member of team payments",
  );
  await expect(carl.getByTestId("entity-action-promote").getByRole("link")).toHaveCount(0);
  await carl.goto(`/actions/promote/new?entity=${SERVICE}-dev`);
  await expect(carl.getByTestId("refusal-reason")).toHaveText("You are not a member of team payments.");
  await expect(carl.getByRole("link", { name: `Back to ${SERVICE}-dev` })).toBeVisible();
  const refused = await carl.request.post("/api/v1/actions/promote/runs", {
    data: { entity: `${SERVICE}-dev`, input: { target_environment: "staging" } },
  });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
    "You are not a member of team payments",
  );
  const unknownTeam = await carl.request.post("/api/v1/actions/create-microservice/runs", {
    data: { input: { name: "nowhere-svc", team: "no-such-team", language: "go" } },
  });
  expect(unknownTeam.status()).toBe(422);
  expect(JSON.stringify(await unknownTeam.json())).toContain('Team \\"no-such-team\\" does not exist');
  await carl.context().close();

  // Approved, the promotion lands in the history with staging's version matching dev's.
  await approve(browser, "Sam Rivera", promoteUrl);
  await dana.goto(promoteUrl);
  await succeeded(dana);
  await dana.goto(`/catalog/service/${SERVICE}`);
  await expect(dana.getByTestId("deploy-record").first()).toContainText("promoted 0.2.0", { timeout: 30_000 });
  await expect(dana.getByTestId("deployment-staging").getByTestId("env-version")).toHaveText("0.2.0", {
    timeout: 30_000,
  });
  // One environment's history.
  await dana.getByTestId("history-filter").getByRole("link", { name: "staging" }).click();
  await expect(dana).toHaveURL(/history=staging/);
  await expect(dana.getByTestId("deploy-record")).toHaveCount(1);
  await expect(dana.getByTestId("deploy-record")).toContainText("staging");
  await dana.context().close();
});
