import { describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/forgejo/route";
import { findEntity } from "@/lib/catalog/entity-lookup";
import { signForgejoBody } from "@/lib/previews/forgejo-signature";
import { forgejoPort } from "@/lib/wiring";
import { setupTestDatabase } from "@/tests/db";
import { findOrigin } from "./origins";

const secret = "forgejo-webhook-secret-for-tests";
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return {
    ...actual,
    getEnv: () => ({
      ...actual.getEnv(),
      SLIPWAY_FORGEJO_WEBHOOK_SECRET: secret,
      SLIPWAY_IMPORT_FORGEJO_ORGS: ["Catalog"],
    }),
  };
});

setupTestDatabase();

const descriptor = (description: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: billing\n  description: ${description}\n  tags: [go]\nspec:\n  lifecycle: production\n`;

async function commit(content: string): Promise<string> {
  const git = forgejoPort();
  await git.ensureOrg("catalog");
  await git.ensureRepo({ owner: "catalog", name: "billing" });
  const head = await git.branchHead("catalog", "billing", "main");
  const { sha } = await git.commitFiles({
    owner: "catalog",
    repo: "billing",
    branch: "main",
    message: "descriptor",
    changes: [{ path: "catalog-info.yaml", content }],
    expectedHead: head,
  });
  return sha;
}

async function deliver(body: unknown, opts: { event?: string; signature?: string } = {}) {
  const text = JSON.stringify(body);
  const req = new Request("http://slipway.test/api/webhooks/forgejo", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-forgejo-event": opts.event ?? "push",
      "x-forgejo-signature": opts.signature ?? signForgejoBody(text, secret),
    },
    body: text,
  });
  const res = await POST(req, { params: Promise.resolve({}) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const push = (ref = "refs/heads/main", owner = "catalog") => ({
  ref,
  repository: { name: "billing", default_branch: "main", owner: { login: owner } },
});

describe("push webhook → Backstage import", () => {
  it("refuses an unsigned push and imports nothing", async () => {
    await commit(descriptor("first"));
    const res = await deliver(push(), { signature: "0".repeat(64) });
    expect(res.status).toBe(401);
    expect(await findEntity("service", "billing")).toBeNull();
  });

  it("re-imports the pushed repository of a watched organisation", async () => {
    const res = await deliver(push());
    expect(res).toMatchObject({ status: 200, json: { outcome: "imported", run: { created: 1, failed: 0 } } });
    expect((await findEntity("service", "billing"))?.properties.description).toBe("first");

    const sha = await commit(descriptor("second"));
    expect((await deliver(push())).json).toMatchObject({ outcome: "imported", run: { updated: 1 } });
    expect((await findEntity("service", "billing"))?.properties.description).toBe("second");
    expect((await findOrigin("service", "billing"))?.revision).toBe(sha);
  });

  it("ignores other branches, other organisations and malformed pushes say why", async () => {
    await commit(descriptor("third"));
    expect((await deliver(push("refs/heads/feature"))).json).toEqual({ outcome: "ignored-branch" });
    expect((await deliver(push("refs/heads/main", "elsewhere"))).json).toEqual({ outcome: "ignored-repository" });
    expect((await deliver({ ref: 1 })).status).toBe(400);
    expect((await findEntity("service", "billing"))?.properties.description).toBe("second");
  });
});
