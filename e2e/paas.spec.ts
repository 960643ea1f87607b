import { expect, test } from "@playwright/test";
import { field, runAs, succeeded } from "./run-helpers";

// A Paas with three capabilities and an extra namespace, a service placed in it that cannot be
// scaled beyond its quota, and a dev environment created, extended and deleted from the UI.

test("Paas: the operator's namespaces and quotas, and a service that cannot outgrow the quota", async ({ browser }) => {
  test.setTimeout(240_000);
  const create = await runAs(
    browser,
    "Dana Okafor",
    "/actions/paas-create/new",
    async (page) => {
      await field(page, "name").fill("webshop");
      await field(page, "team").fill("payments");
      await field(page, "capabilities").selectOption(["argocd", "tekton", "vault"]);
      await page.locator("#root_namespaces__add").click();
      await field(page, "namespaces_0").fill("prod");
      await field(page, "cpu_quota").fill("4");
      await field(page, "memory_quota").fill("8Gi");
      await field(page, "storage_quota").fill("20Gi");
    },
    "Run Create Paas",
  );
  await succeeded(create.page);

  const page = create.page;
  await page.goto("/catalog/paas/webshop");
  const namespaces = page.getByTestId("paas-namespaces").locator("[data-namespace]");
  await expect(namespaces).toHaveText(["webshop", "webshop-argocd", "webshop-tekton", "webshop-vault", "webshop-prod"]);
  const quotas = page.getByTestId("paas-quotas").locator("[data-quota]");
  await expect(quotas).toHaveCount(4);
  await expect(page.getByTestId("paas-quotas").locator('[data-quota="webshop"]')).toContainText(
    "for webshop, webshop-prod",
  );
  for (const q of ["webshop-argocd", "webshop-tekton", "webshop-vault"])
    await expect(page.getByTestId("paas-quotas").locator(`[data-quota="${q}"]`)).toContainText(`for ${q}`);
  await expect(page.getByTestId("paas-capabilities")).toContainText("https://tekton.webshop.apps.example.com");

  // A service placed in the Paas: its deployments count against quota `webshop` (limits.cpu 4).
  const service = await runAs(
    browser,
    "Dana Okafor",
    "/actions/create-microservice/new",
    async (p) => {
      await field(p, "name").fill("shop-api");
      await field(p, "team").fill("payments");
      await field(p, "language").selectOption("go");
      await field(p, "paas").fill("webshop");
    },
    "Run Create microservice",
  );
  await succeeded(service.page);

  const scale = service.page;
  await scale.goto("/actions/scale/new?entity=shop-api-dev");
  await field(scale, "cpu_limit").fill("4");
  await field(scale, "reason").fill("load test with big pods");
  await scale.getByRole("button", { name: "Run Scale" }).click();
  await expect(scale.getByText(/Exceeds quota webshop \(limits\.cpu 4\): .+ used, 4 asked/)).toBeVisible();
  await expect(scale).toHaveURL(/\/actions\/scale\/new/);
});

test("dev environment: created, extended and deleted from the UI", async ({ browser }) => {
  test.setTimeout(180_000);
  const create = await runAs(
    browser,
    "Dana Okafor",
    "/actions/dev-environment-create/new",
    async (page) => {
      await field(page, "name").fill("try-checkout");
      await field(page, "team").fill("payments");
      await field(page, "branch").fill("feature/try-checkout");
      await field(page, "ttl").fill("4h");
      // The form starts with the one service the schema requires.
      await field(page, "services_0_name").fill("shop-api");
    },
    "Run Create dev environment",
  );
  await succeeded(create.page);

  const page = create.page;
  await page.goto("/catalog/dev-environment/try-checkout");
  const card = page.getByTestId("dev-environment");
  await expect(card.getByTestId("dev-url")).toHaveText("https://try-checkout.dev.apps.example.com");
  await expect(card).toContainText("dana@slipway.local");
  await expect(card.getByTestId("dev-expiry")).toContainText(/in (3h 5\dm|4h)/);
  await expect(page.getByTestId("dev-services").locator('[data-service="shop-api"]')).toContainText(
    "branch feature/try-checkout",
  );

  await page.getByRole("link", { name: "Extend time to live" }).click();
  await field(page, "extend_by").fill("1d");
  await page.getByRole("button", { name: "Run Extend time to live" }).click();
  await succeeded(page);
  await page.goto("/catalog/dev-environment/try-checkout");
  await expect(page.getByTestId("dev-expiry")).toContainText(/in 1d (3h 5\dm|4h)/);

  await page.getByRole("link", { name: "Delete dev environment" }).click();
  await page.getByRole("button", { name: "Run Delete dev environment" }).click();
  await succeeded(page);
  const gone = await page.goto("/catalog/dev-environment/try-checkout");
  expect(gone?.status()).toBe(404);
});
