import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { approve, field, runAs, succeeded } from "./run-helpers";

// The sandbox keeps its git repositories under the e2e data dir (see playwright.config.ts).
const gitRoot = path.resolve(".slipway-e2e/git");

function gitopsLog(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-gitops-"));
  execFileSync("git", ["clone", "-q", path.join(gitRoot, "platform", "gitops.git"), dir]);
  return dir;
}

test("create payment-service, then release, promote, roll back and scale it through the GitOps repo", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  // Create from the API-service template with a database and public ingress.
  const create = await runAs(
    browser,
    "Dana Okafor",
    "/actions/create-microservice/new",
    async (page) => {
      await field(page, "name").fill("payment-service");
      await field(page, "team").fill("payments");
      await field(page, "language").selectOption("java");
      await page.getByRole("radio", { name: /API service/ }).check();
      await field(page, "database").check();
      await field(page, "public").check();
    },
    "Run Create microservice",
  );
  await succeeded(create.page);
  // Running a create again would make a second service: its Re-run is a plain button, not the filled main one.
  const fill = (page: typeof create.page) =>
    page.getByRole("button", { name: "Re-run" }).evaluate((b) => getComputedStyle(b).backgroundColor);
  expect(await fill(create.page)).toBe("rgb(255, 255, 255)");

  const service = create.page;
  await service.goto("/catalog/service/payment-service");
  await expect(service.locator('[data-property="repository"]')).toContainText("/sandbox/git/payments/payment-service");
  for (const env of ["dev", "staging", "prod"])
    await expect(service.getByRole("link", { name: `payment-service-${env}` }).first()).toBeVisible();

  const repo = gitopsLog();
  for (const f of [
    "services/payment-service/base/deployment.yaml",
    "services/payment-service/base/database.yaml",
    "services/payment-service/overlays/prod/network-policy.yaml",
    "services/payment-service/overlays/dev/ingress.yaml",
    "argocd/apps/payment-service-dev.yaml",
  ]) {
    expect(fs.existsSync(path.join(repo, f)), f).toBe(true);
  }

  // A new version in dev (what the pipeline's bump job does), then dev → staging with an SRE's approval.
  const release = await runAs(
    browser,
    "Dana Okafor",
    "/actions/release/new?entity=payment-service-dev",
    (p) => field(p, "version").fill("0.2.0"),
    "Run Release a version",
  );
  await succeeded(release.page);
  expect(await fill(release.page)).not.toBe("rgb(255, 255, 255)");
  const promote = await runAs(
    browser,
    "Dana Okafor",
    "/actions/promote/new?entity=payment-service-dev",
    async (p) => {
      // Only the environments after dev are offered.
      await expect(field(p, "target_environment").locator("option", { hasText: /./ })).toHaveText(["staging", "prod"]);
      await field(p, "target_environment").selectOption("staging");
    },
    "Run Promote",
  );
  await expect(promote.page.getByTestId("run-status")).toHaveText("awaiting_approval");
  await approve(browser, "Sam Rivera", promote.url);
  await succeeded(promote.page);
  await expect(promote.page.getByRole("link", { name: /platform\/gitops#\d+/ })).toBeVisible();

  // Roll staging back with a reason; Sofia approves.
  const rollback = await runAs(
    browser,
    "Dana Okafor",
    "/actions/rollback/new?entity=payment-service-staging",
    async (p) => {
      // Offered from staging's history, without the version it runs now.
      await expect(field(p, "target_version").locator("option", { hasText: /./ })).toHaveText(["0.1.0"]);
      await field(p, "target_version").selectOption("0.1.0");
      await field(p, "reason").fill("0.2.0 leaks connections");
    },
    "Run Roll back",
  );
  await approve(browser, "Sofia Lindqvist", rollback.url);
  await succeeded(rollback.page);
  // The run links its commit; in sandbox mode the portal shows it.
  const commitUrl = await rollback.page.getByRole("link", { name: /^rollback [0-9a-f]{8}$/ }).getAttribute("href");
  await rollback.page.goto(commitUrl!);
  await expect(rollback.page.getByTestId("commit-message")).toContainText("Reason: 0.2.0 leaks connections");

  // Scale prod: two SREs and a change ticket.
  const scale = await runAs(
    browser,
    "Dana Okafor",
    "/actions/scale/new?entity=payment-service-prod",
    async (p) => {
      await field(p, "replicas").fill("6");
      await field(p, "cpu_limit").fill("2");
      await field(p, "memory_limit").fill("2Gi");
      await field(p, "reason").fill("Black Friday traffic surge");
    },
    "Run Scale",
  );
  await approve(browser, "Sam Rivera", scale.url, "CHG-12345");
  await approve(browser, "Sofia Lindqvist", scale.url);
  await succeeded(scale.page);

  // Every change is a commit in the GitOps repo and an entry on the service's timeline.
  const log = execFileSync("git", ["-C", gitopsLog(), "log", "--format=%s"], { encoding: "utf8" });
  for (const subject of [
    "Add payment-service",
    "Release payment-service 0.2.0 to dev",
    "Promote payment-service 0.2.0 to staging",
    "Roll back payment-service in staging to 0.1.0",
    "Scale payment-service in prod to 6 replicas",
  ]) {
    expect(log).toContain(subject);
  }
  await service.goto("/catalog/service/payment-service");
  const activity = service.getByLabel("Activity");
  for (const text of [
    "Created from the api-service template",
    "Released 0.2.0 to dev",
    "Promoted 0.2.0 from dev to staging",
    "Rolled back staging to 0.1.0: 0.2.0 leaks connections",
    "Scaled to 6 replicas",
  ]) {
    await expect(activity).toContainText(text);
  }
});
