import { expect, test } from "@playwright/test";
import { signInAs } from "./sign-in";

test("create an entity through the generated form: field errors first, then success", async ({ page }) => {
  // Carl is in team checkout, so he may create a service owned by checkout.
  await signInAs(page, "Carl Jensen", "/catalog/service/new");
  const request = page.request;
  await page.locator('input[name="identifier"]').fill("Bad Id!");
  await page.getByLabel("Language").selectOption("go");
  await page.getByLabel("Port").fill("70000");
  await page.getByRole("button", { name: "Create service" }).click();
  // Client-side schema validation names the field; nothing reaches the server.
  await expect(page.getByText("Port is at most 65535")).toBeVisible();

  await page.getByLabel("Port").fill("8081");
  await page.getByRole("button", { name: "Create service" }).click();
  // The server rejects the identifier with a field error and stores nothing.
  await expect(page.locator("p[role=alert]").filter({ hasText: "Letters, digits" })).toBeVisible();
  expect((await request.get("/api/v1/blueprints/service/entities?q=bad")).ok()).toBeTruthy();
  expect((await (await request.get("/api/v1/blueprints/service/entities?q=bad")).json()).items).toHaveLength(0);

  await page.locator('input[name="identifier"]').fill("e2e-orders");
  await page.locator('input[name="title"]').fill("E2E Orders");
  await page.locator('select[name="team"]').selectOption("checkout");
  await page.locator('input[name="relation-dependsOn"]').fill("cart, pricing");
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page).toHaveURL(/\/catalog\/service\/e2e-orders$/);
  await expect(page.getByRole("heading", { name: "E2E Orders" })).toBeVisible();
  await expect(page.locator('[data-property="port"]')).toHaveText("8081");
  await expect(page.getByRole("link", { name: "Pricing" })).toBeVisible();
  await expect(page.getByLabel("Activity")).toContainText("Created service e2e-orders");
});

test("edit a blueprint's schema: invalid schema shows inline, valid one changes the forms", async ({ page }) => {
  await signInAs(page, "Ada Moreau", "/admin/blueprints");
  await page.getByRole("table").getByRole("link", { name: "Team" }).click();
  const schema = page.locator('textarea[name="schema"]');
  const original = JSON.parse(await schema.inputValue()) as { properties: Record<string, unknown> };

  await schema.fill(JSON.stringify({ ...original, type: "array" }));
  await page.getByRole("button", { name: "Save blueprint" }).click();
  await expect(page.locator("p[role=alert]")).toContainText('must have type "object"');

  await schema.fill("{ not json");
  await page.getByRole("button", { name: "Save blueprint" }).click();
  await expect(page.locator("p[role=alert]")).toContainText("Not valid JSON");

  const updated = {
    ...original,
    properties: { ...original.properties, budget: { type: "integer", title: "Budget (k€)", minimum: 0 } },
  };
  await schema.fill(JSON.stringify(updated, null, 2));
  await page.getByRole("button", { name: "Save blueprint" }).click();
  await expect(page.getByRole("status")).toHaveText("Blueprint saved.");

  await page.goto("/catalog/team/new");
  await expect(page.getByLabel("Budget (k€)")).toBeVisible();
});
