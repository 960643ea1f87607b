import { beforeAll, describe, expect, it } from "vitest";
import * as auditRoute from "@/app/api/v1/audit/route";
import { getDb } from "@/lib/db/client";
import { call, setupTestDatabase } from "@/tests/db";
import { appendAudit } from "./append-audit";
import { listAudit, type AuditPage } from "./list-audit";

setupTestDatabase();

beforeAll(async () => {
  const db = getDb();
  await appendAudit(db, {
    actor: "Dana@Slipway.local",
    verb: "entity.update",
    target: "entity:service/cart",
    data: {},
  });
  await appendAudit(db, { actor: "argocd", verb: "entity.update", target: "entity:deployment/cart-dev", data: {} });
  await appendAudit(db, {
    actor: "argocd-watch",
    verb: "entity.update",
    target: "entity:deployment/cart-prod",
    data: {},
  });
  await appendAudit(db, { actor: "sam@slipway.local", verb: "run.approve", target: "run:1", data: {} });
});

const targets = async (q: Parameters<typeof listAudit>[0]) =>
  (await listAudit(q)).items.map((r) => r.target).filter((t) => !t.startsWith("blueprint:"));

describe("audit filters", () => {
  it("match any part of actor, verb and target, ignoring case", async () => {
    expect(await targets({ actor: "dana", limit: 50 })).toEqual(["entity:service/cart"]);
    expect(await targets({ verb: "APPROVE", limit: 50 })).toEqual(["run:1"]);
    expect(await targets({ target: "cart", limit: 50 })).toEqual([
      "entity:deployment/cart-prod",
      "entity:deployment/cart-dev",
      "entity:service/cart",
    ]);
    // A typed % is a character, not a wildcard.
    expect(await targets({ target: "%", limit: 50 })).toEqual([]);
  });

  it("leave out status mirroring when asked to", async () => {
    expect(await targets({ target: "cart", hideMirroring: true, limit: 50 })).toEqual(["entity:service/cart"]);
  });

  it("the API shows mirroring rows unless mirroring=hide", async () => {
    const list = async (qs: string) =>
      (await call<AuditPage>(auditRoute.GET, { url: `/api/v1/audit?target=cart${qs}` })).json.items.length;
    expect(await list("")).toBe(3);
    expect(await list("&mirroring=hide")).toBe(1);
    expect((await call(auditRoute.GET, { url: "/api/v1/audit?mirroring=maybe" })).status).toBe(422);
  });
});
