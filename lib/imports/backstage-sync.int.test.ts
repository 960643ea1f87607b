import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findEntity } from "@/lib/catalog/entity-lookup";
import type { ForgejoPort } from "@/lib/git/forgejo-port";
import { createSandboxForgejo } from "@/lib/integrations/sandbox-git/sandbox-forgejo";
import { setupTestDatabase } from "@/tests/db";
import { syncBackstageOrgs, syncBackstageRepo } from "./backstage-sync";
import { findOrigin, listConflicts } from "./origins";

// The corpus: 21 descriptors in 14 repositories (plus one without a descriptor) of a real sandbox git
// server; 12 valid entities, 9 descriptors that cannot be imported, each for its own reason.
const corpus = path.join(process.cwd(), "tests/fixtures/backstage");
const ORG = "acme";

setupTestDatabase();

let root: string;
let git: ForgejoPort;

async function pushDescriptor(repo: string, content: string, file = "catalog-info.yaml") {
  await git.ensureRepo({ owner: ORG, name: repo });
  const head = await git.branchHead(ORG, repo, "main");
  await git.commitFiles({
    owner: ORG,
    repo,
    branch: "main",
    message: `Update ${file}`,
    changes: [{ path: file, content }],
    expectedHead: head,
  });
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-backstage-"));
  git = createSandboxForgejo({ root, baseUrl: "http://git.test" });
  await git.ensureOrg(ORG);
  for (const repo of await fs.readdir(corpus)) {
    for (const file of await fs.readdir(path.join(corpus, repo)))
      await pushDescriptor(repo, await fs.readFile(path.join(corpus, repo, file), "utf8"), file);
  }
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const reasonFor = (failures: { object: string; reason: string }[], repo: string) =>
  failures.filter((f) => f.object.startsWith(`${ORG}/${repo}/`)).map((f) => f.reason);

// Each test runs full syncs over 14 repositories (git processes per repository): slow on a busy machine.
describe("Backstage import from Forgejo repositories", { timeout: 120_000 }, () => {
  it("imports the valid descriptors with their relations and reports each invalid one with its reason", async () => {
    const run = await syncBackstageOrgs(git, [ORG], "test");
    expect(run).toMatchObject({ status: "succeeded", total: 21, processed: 21, created: 12, failed: 9, missing: 0 });

    expect(await findEntity("team", "payments-team")).toMatchObject({ title: "Payments" });
    expect(await findEntity("user", "alice")).toMatchObject({
      title: "Alice Example",
      properties: { email: "alice@example.com" },
      relations: { memberOf: ["payments-team"] },
    });
    expect((await findEntity("user", "bob"))?.relations.memberOf).toEqual(["checkout-team"]);
    expect(await findEntity("system", "commerce")).toMatchObject({ team: "payments-team" });
    const cart = await findEntity("service", "cart");
    expect(cart).toMatchObject({
      title: "Shopping cart",
      team: "checkout-team",
      properties: { language: "node", lifecycle: "production", description: "Holds what a shopper is about to buy" },
      relations: {
        dependsOn: ["pricing"],
        resources: ["cart-db"],
        providesApis: ["cart-api"],
        system: ["commerce"],
      },
    });
    expect(cart?.properties.repository).toBe("http://git.test/sandbox/git/acme/cart");
    expect(await findEntity("api", "cart-api")).toMatchObject({
      properties: { type: "openapi" },
      relations: { system: ["commerce"] },
    });
    expect(await findEntity("resource", "cart-db")).toMatchObject({ properties: { type: "database" } });
    expect(await findEntity("service", "pricing")).toMatchObject({
      properties: { language: "go", lifecycle: "experimental" },
      relations: { consumesApis: ["cart-api"] },
    });
    expect((await findEntity("service", "ledger"))?.properties.links).toEqual([
      { url: "https://grafana.example.com/d/ledger", title: "Dashboard" },
    ]);
    expect((await findEntity("service", "search"))?.relations.providesApis).toEqual(["search-api"]);
    expect(await findEntity("api", "search-api")).not.toBeNull();

    expect(reasonFor(run.failures, "broken-yaml")[0]).toMatch(/^YAML/);
    expect(reasonFor(run.failures, "no-language")[0]).toMatch(/no language/);
    expect(reasonFor(run.failures, "bad-kind")[0]).toMatch(/kind must be one of/);
    expect(reasonFor(run.failures, "bad-name")[0]).toMatch(/metadata\.name/);
    expect(reasonFor(run.failures, "multi")).toEqual([expect.stringMatching(/apiVersion/)]);
    expect(reasonFor(run.failures, "bad-lifecycle")[0]).toMatch(/properties\.lifecycle/);
    expect(reasonFor(run.failures, "unknown-dep")[0]).toMatch(/No service named "ghost"/);
    expect(reasonFor(run.failures, "user-owner")[0]).toMatch(/spec\.owner must be a group/);
    expect(reasonFor(run.failures, "zz-fork")[0]).toMatch(/conflict: service\/pricing is already imported/);
    for (const bad of ["mystery", "sunsetter", "owned-by-person", "Bad Name!"])
      expect(await findEntity("service", bad)).toBeNull();

    expect(await findOrigin("service", "cart")).toMatchObject({
      source: "backstage",
      object: "acme/cart/catalog-info.yaml#service/cart",
      revision: await git.branchHead(ORG, "cart", "main"),
      missingAt: null,
    });
    expect((await findOrigin("service", "cart"))?.ownedFields).toEqual(
      expect.arrayContaining(["title", "team", "properties.language", "relations.dependsOn"]),
    );
    expect(await listConflicts()).toEqual([
      expect.objectContaining({
        blueprint: "service",
        identifier: "pricing",
        ownerObject: "acme/pricing/catalog-info.yaml#service/pricing",
        claimantObject: "acme/zz-fork/catalog-info.yaml#service/pricing",
      }),
    ]);
  });

  it("changes nothing on a second sync, and picks up a changed descriptor within one sync", async () => {
    const again = await syncBackstageOrgs(git, [ORG], "test");
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 12, failed: 9 });

    const changed = (await fs.readFile(path.join(corpus, "cart/catalog-info.yaml"), "utf8"))
      .replace("Holds what a shopper is about to buy", "Holds baskets")
      .replace("dependsOn: [component:pricing, resource:cart-db]", "dependsOn: [resource:cart-db]")
      .replace("  annotations:\n    backstage.io/techdocs-ref: dir:.\n", "");
    await pushDescriptor("cart", changed);
    const run = await syncBackstageOrgs(git, [ORG], "test");
    expect(run).toMatchObject({ created: 0, updated: 1, unchanged: 11, failed: 9 });
    const cart = await findEntity("service", "cart");
    expect(cart?.properties.description).toBe("Holds baskets");
    expect(cart?.properties).not.toHaveProperty("annotations");
    expect(cart?.relations.dependsOn ?? []).toEqual([]);
    expect((await findOrigin("service", "cart"))?.revision).toBe(await git.branchHead(ORG, "cart", "main"));
  });

  it("marks the entities of a removed repository Missing and keeps them", async () => {
    await git.deleteRepo(ORG, "ledger");
    const run = await syncBackstageOrgs(git, [ORG], "test");
    expect(run).toMatchObject({ missing: 1, created: 0, failed: 9 });
    expect(await findEntity("service", "ledger")).not.toBeNull();
    expect((await findOrigin("service", "ledger"))?.missingAt).not.toBeNull();
    expect((await findOrigin("service", "cart"))?.missingAt).toBeNull();
  });

  it("re-imports one repository as a push asks, without touching the others", async () => {
    await pushDescriptor(
      "pricing",
      "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: pricing\n  tags: [go]\nspec:\n  lifecycle: production\n  owner: checkout-team\n",
    );
    const run = await syncBackstageRepo(git, ORG, "pricing", "push");
    expect(run).toMatchObject({ total: 1, updated: 1, failed: 0, missing: 0 });
    expect(await findEntity("service", "pricing")).toMatchObject({
      properties: { lifecycle: "production" },
      relations: {},
    });
    expect((await findOrigin("service", "cart"))?.missingAt).toBeNull();
  });
});
