import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/forgejo/route";
import { findEntity } from "@/lib/catalog/entity-lookup";
import { getEnv } from "@/lib/env";
import { forgejoPort } from "@/lib/wiring";
import { setupTestDatabase } from "@/tests/db";
import { freePort, giteaApiOf, peerForgejo } from "@/tests/peers";
import { serveRoute, type RouteServer } from "@/tests/route-server";
import { until } from "@/tests/until";
import { syncBackstageOrgs } from "./backstage-sync";
import { findOrigin } from "./origins";

// Backstage descriptors in a real Gitea: a full sync imports them; a push through Gitea's contents API
// makes Gitea itself deliver the signed push webhook to the route on loopback, and the entity follows.

const org = `catalog${Date.now().toString(36)}`;
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, getEnv: () => ({ ...actual.getEnv(), SLIPWAY_IMPORT_FORGEJO_ORGS: [org] }) };
});

setupTestDatabase();

const gitea = peerForgejo();
let server: RouteServer;

const giteaApi = giteaApiOf(gitea);

const component = (name: string, description: string, extra = "") =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  description: ${description}\n  tags: [go]\nspec:\n  lifecycle: production\n${extra}`;

async function seedRepo(name: string, content: string) {
  const git = forgejoPort();
  await git.ensureRepo({ owner: org, name });
  await git.commitFiles({
    owner: org,
    repo: name,
    branch: "main",
    message: "Add catalog-info.yaml",
    changes: [{ path: "catalog-info.yaml", content }],
    expectedHead: null,
  });
}

beforeAll(async () => {
  server = await serveRoute(POST, await freePort());
  await forgejoPort().ensureOrg(org);
  await seedRepo("inventory", component("inventory", "Counts things"));
  await seedRepo("shipping", component("shipping", "Moves things", "  dependsOn: [component:inventory]\n"));
  await seedRepo("broken", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {}\n");
});
afterAll(() => server?.close());

describe("Backstage import from a real Gitea", () => {
  it("imports the repositories' descriptors; a push through Gitea's API updates the entity within 5 s", async () => {
    const run = await syncBackstageOrgs(forgejoPort(), [org], "test");
    expect(run).toMatchObject({ status: "succeeded", total: 3, created: 2, failed: 1 });
    expect(run.failures[0]?.reason).toMatch(/metadata\.name/);
    expect(await findEntity("service", "shipping")).toMatchObject({
      properties: { description: "Moves things", language: "go" },
      relations: { dependsOn: ["inventory"] },
    });

    const secret = getEnv().SLIPWAY_FORGEJO_WEBHOOK_SECRET;
    expect(secret, "test:peers sets SLIPWAY_FORGEJO_WEBHOOK_SECRET").toBeTruthy();
    const hook = await giteaApi("POST", `/orgs/${org}/hooks`, {
      type: "gitea",
      active: true,
      events: ["push"],
      config: { url: `${server.url}/api/webhooks/forgejo`, content_type: "json", secret },
    });
    expect(hook.status).toBe(201);

    const file = await giteaApi<{ sha: string }>("GET", `/repos/${org}/inventory/contents/catalog-info.yaml`);
    const pushedAt = Date.now();
    const update = await giteaApi<{ commit: { sha: string } }>(
      "PUT",
      `/repos/${org}/inventory/contents/catalog-info.yaml`,
      {
        sha: file.json.sha,
        branch: "main",
        message: "Inventory counts more",
        content: Buffer.from(component("inventory", "Counts everything")).toString("base64"),
      },
    );
    expect(update.status).toBe(200);
    // The acceptance bound: Gitea delivers, Slipway re-imports the one repository, all within 5 s.
    await until(
      "the pushed description in the catalog",
      async () => (await findEntity("service", "inventory"))?.properties.description === "Counts everything",
      5_000,
      100,
    );
    console.log(`push → entity updated in ${Date.now() - pushedAt} ms`);
    const delivered = await until("Gitea's push delivery answered", async () =>
      server.deliveries.find((d) => (d.response as { outcome?: string }).outcome === "imported"),
    );
    expect(delivered.status).toBe(200);
    expect((await findOrigin("service", "inventory"))?.revision).toBe(update.json.commit.sha);
  });
});
