import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { field } from "./run-helpers";
import { signInAs } from "./sign-in";

// The sandbox keeps its git repositories under the e2e data dir (see playwright.config.ts).
const gitRoot = path.resolve(".slipway-e2e/git");
const service = "invoices";

type RunJson = { id: string; status: string };

async function signedIn(browser: Browser, name: string, url = "/"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, name, url);
  return page;
}

async function requestRun(api: APIRequestContext, action: string, entity: string | undefined, input: object) {
  const res = await api.post(`/api/v1/actions/${action}/runs`, { data: { entity, input } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as RunJson;
}

async function finished(api: APIRequestContext, id: string) {
  await expect
    .poll(async () => ((await (await api.get(`/api/v1/runs/${id}`)).json()) as RunJson).status, { timeout: 60_000 })
    .toBe("succeeded");
}

/** The app pipeline tags each release: 0.1.0 at the skeleton, then a feature commit tagged 0.2.0. */
function tagAppRepo() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-app-"));
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=Dana", "-c", "user.email=dana@slipway.local", ...args], { cwd: dir });
  execFileSync("git", ["clone", "-q", path.join(gitRoot, "payments", `${service}.git`), dir]);
  git("tag", "0.1.0");
  fs.writeFileSync(path.join(dir, "EXPORT.md"), "PDF export of invoices\n");
  git("add", "EXPORT.md");
  git("commit", "-q", "-m", "Add PDF export of invoices");
  git("tag", "0.2.0");
  git("push", "-q", "origin", "HEAD", "--tags");
}

test("approvers see what a promotion changes; tickets are recorded; skipping an environment needs an admin", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const dana = await signedIn(browser, "Dana Okafor");
  const sam = await signedIn(browser, "Sam Rivera");
  await finished(
    dana.request,
    (
      await requestRun(dana.request, "create-microservice", undefined, {
        name: service,
        team: "payments",
        language: "go",
      })
    ).id,
  );
  tagAppRepo();
  await finished(dana.request, (await requestRun(dana.request, "release", `${service}-dev`, { version: "0.2.0" })).id);
  const toStaging = await requestRun(dana.request, "promote", `${service}-dev`, { target_environment: "staging" });
  expect(
    (await sam.request.post(`/api/v1/runs/${toStaging.id}/decisions`, { data: { decision: "approve" } })).ok(),
  ).toBe(true);
  await finished(dana.request, toStaging.id);

  // Dana asks for prod with a ticket; Sam reviews the change before deciding.
  const toProd = await requestRun(dana.request, "promote", `${service}-staging`, {
    target_environment: "prod",
    change_ticket: "CHG-2468",
  });
  await sam.goto(`/runs/${toProd.id}`);
  const summary = sam.getByTestId("change-summary");
  await expect(summary).toContainText("staging → prod", { timeout: 30_000 });
  await expect(summary).toContainText("0.1.0 → 0.2.0");
  await expect(summary.getByRole("link", { name: /#\d+ \(promote\/invoices-prod-0\.2\.0\)/ })).toBeVisible();
  await expect(sam.getByTestId("change-commits")).toContainText("Add PDF export of invoices");
  const diff = sam.getByTestId("manifest-diff");
  await expect(diff.locator(".d2h-del").filter({ hasText: "registry.local/payments/invoices:0.1.0" })).toHaveCount(1);
  await expect(diff.locator(".d2h-ins").filter({ hasText: "registry.local/payments/invoices:0.2.0" })).toHaveCount(1);
  await expect(sam.getByTestId("approval-progress")).toHaveText("0 of 2 approvals");
  // The requester's ticket is shown, not asked for again.
  await expect(sam.getByTestId("request-ticket")).toContainText("CHG-2468");
  await expect(sam.getByLabel("Change ticket")).toHaveCount(0);
  await sam.getByRole("button", { name: "Approve" }).click();
  await expect(sam.getByTestId("approval-progress")).toHaveText("1 of 2 approvals");

  const sofia = await signedIn(browser, "Sofia Lindqvist", `/runs/${toProd.id}`);
  await expect(sofia.getByTestId("approval-progress")).toHaveText("1 of 2 approvals");
  await sofia.getByRole("button", { name: "Approve" }).click();
  await expect(sofia.getByTestId("run-status")).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  await sofia.goto(`/catalog/deployment/${service}-prod`);
  await expect(sofia.locator('[data-property="change_ticket"]')).toHaveText("CHG-2468");

  // Sam rolls prod back at once (an SRE needs no second approver): it is listed for review.
  const rollback = await requestRun(sam.request, "rollback", `${service}-prod`, {
    target_version: "0.1.0",
    reason: "invoices render blank",
  });
  await finished(sam.request, rollback.id);
  await sofia.goto("/runs?view=reviews");
  await expect(sofia.getByRole("link", { name: "Rollbacks to review" })).toHaveAttribute("aria-current", "page");
  await expect(sofia.locator(`a[href="/runs/${rollback.id}"]`).first()).toBeVisible();

  // dev → prod skips staging: refused for Dana, accepted from an admin with a reason.
  await finished(dana.request, (await requestRun(dana.request, "release", `${service}-dev`, { version: "0.3.0" })).id);
  await dana.goto(`/actions/promote/new?entity=${service}-dev`);
  await field(dana, "target_environment").selectOption("prod");
  await dana.getByRole("button", { name: "Run Promote" }).click();
  await expect(dana.getByText("dev promotes to staging first; skipping to prod needs an admin override")).toBeVisible();
  await expect(dana).toHaveURL(/\/actions\/promote\/new/);

  const ada = await signedIn(browser, "Ada Moreau", `/actions/promote/new?entity=${service}-dev`);
  await field(ada, "target_environment").selectOption("prod");
  await field(ada, "override_reason").fill("Security fix; staging is being rebuilt");
  await field(ada, "change_ticket").fill("CHG-1357");
  await ada.getByRole("button", { name: "Run Promote" }).click();
  await expect(ada).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  // The overlay is rendered twice with kustomize while the page streams: allow for a busy machine.
  await expect(ada.getByTestId("change-summary")).toContainText("dev → prod", { timeout: 30_000 });
  await expect(ada.getByTestId("run-status")).toHaveAttribute("data-status", "awaiting_approval");
});
