import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { signInAs } from "./sign-in";

// An approver sees the policy checklist of a prod promotion whose manifests break a PCI rule, cannot
// approve it (the button says why), and an admin's override with a reason lets it through.

const gitRoot = path.resolve(".slipway-e2e/git");
const service = "ledger-service";

async function signedIn(browser: Browser, user: string, url = "/"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, user, url);
  return page;
}

async function requestRun(api: APIRequestContext, action: string, entity: string | undefined, input: object) {
  const res = await api.post(`/api/v1/actions/${action}/runs`, { data: { entity, input } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function untilSucceeded(api: APIRequestContext, id: string) {
  await expect
    .poll(async () => ((await (await api.get(`/api/v1/runs/${id}`)).json()) as { status: string }).status, {
      timeout: 90_000,
      intervals: [500],
    })
    .toBe("succeeded");
}

/** Drops the NetworkPolicy from the service's prod overlay, as a hand edit pushed to main would. */
function dropProdNetworkPolicy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-gates-"));
  execFileSync("git", ["clone", "-q", path.join(gitRoot, "platform", "gitops.git"), dir]);
  const file = path.join(dir, "services", service, "overlays", "prod", "kustomization.yaml");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("  - network-policy.yaml\n", ""));
  const git = (...args: string[]) =>
    execFileSync("git", ["-C", dir, "-c", "user.name=E2E", "-c", "user.email=e2e@slipway.local", ...args]);
  git("commit", "-qam", "Drop the prod NetworkPolicy");
  git("push", "-q", "origin", "HEAD:main");
}

test("the approver sees the failing PCI rule, Approve is disabled with the reason, and an admin overrides", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const dana = await signedIn(browser, "Dana Okafor");
  const sam = await signedIn(browser, "Sam Rivera");
  const ada = await signedIn(browser, "Ada Moreau", "/admin/policies");

  // The shipped policies go into the GitOps repository from the admin page.
  await ada.getByRole("button", { name: /Add the shipped policies/ }).click();
  await expect(ada.locator('[data-policy="require-network-policy"]')).toContainText("PCI-DSS");
  const labels = await ada.request.patch("/api/v1/blueprints/environment/entities/prod", {
    data: { properties: { namespace_labels: { "pci-zone": "true" } } },
  });
  expect(labels.status(), await labels.text()).toBe(200);

  await untilSucceeded(
    dana.request,
    await requestRun(dana.request, "create-microservice", undefined, {
      name: service,
      team: "payments",
      language: "go",
      template: "api-service",
      public: true,
    }),
  );
  await untilSucceeded(dana.request, await requestRun(dana.request, "release", `${service}-dev`, { version: "0.2.0" }));
  const toStaging = await requestRun(dana.request, "promote", `${service}-dev`, { target_environment: "staging" });
  expect(
    (await sam.request.post(`/api/v1/runs/${toStaging}/decisions`, { data: { decision: "approve" } })).status(),
  ).toBe(200);
  await untilSucceeded(dana.request, toStaging);

  dropProdNetworkPolicy();
  const toProd = await requestRun(dana.request, "promote", `${service}-staging`, {
    target_environment: "prod",
    change_ticket: "CHG-4242",
  });

  await sam.goto(`/runs/${toProd}`);
  const failing = sam.locator('[data-testid="gate-check"][data-result="fail"]');
  await expect(failing).toHaveCount(1);
  await expect(failing).toContainText("require-network-policy / check-network-policy-exists");
  await expect(failing).toContainText("Network policy required for all PCI zone deployments");
  await expect(failing).toContainText(`Deployment/payments-prod/${service}`);
  const approveButton = sam.getByRole("button", { name: "Approve" });
  await expect(approveButton).toBeDisabled();
  await expect(sam.getByTestId("approve-blocked")).toContainText("require-network-policy/check-network-policy-exists");
  // Sam is no admin: no override offered.
  await expect(sam.getByRole("button", { name: "Override gate" })).toHaveCount(0);

  await ada.goto(`/runs/${toProd}`);
  await ada.getByLabel(/Override as admin/).fill("Ledger traffic stays inside the mesh; CHG-4242 adds the policy");
  await ada.getByRole("button", { name: "Override gate" }).click();
  await expect(ada.getByTestId("gate-override")).toContainText("ada@slipway.local");
  await expect(ada.getByTestId("gate-override")).toContainText("CHG-4242 adds the policy");

  await sam.reload();
  await expect(sam.getByTestId("gate-override")).toBeVisible();
  await expect(approveButton).toBeEnabled();
  await approveButton.click();
  await expect(sam.getByTestId("run-approvals")).toContainText("sam@slipway.local");
});
