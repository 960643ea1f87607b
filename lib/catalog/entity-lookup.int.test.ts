import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, entityActivity } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { getDb } from "@/lib/db/client";
import { setupTestDatabase } from "@/tests/db";
import { createBlueprint, findBlueprint } from "./blueprints";
import { createEntity, deleteEntity, updateEntity } from "./entities";
import { findEntity, findEntityRow, getEntity, getEntityDetail, getEntityRow } from "./entity-lookup";

setupTestDatabase();

beforeAll(async () => {
  await createEntity("team", { identifier: "payments", properties: {}, relations: {} });
  await createEntity("service", {
    identifier: "cart",
    team: "payments",
    properties: { language: "go", port: 80 },
    relations: {},
  });
  await createEntity("environment", { identifier: "dev", properties: {}, relations: {} });
  await createEntity("deployment", {
    identifier: "cart-dev",
    team: "payments",
    properties: {},
    relations: { service: "cart", environment: "dev" },
  });
});

const notFoundError = expect.objectContaining({ code: "not_found" });

describe("entity lookup: find… answers null, get… throws notFound", () => {
  it("answers every projection of an existing entity from the same row", async () => {
    const row = await getEntityRow("deployment", "cart-dev");
    expect(row).toMatchObject({ blueprint: "deployment", identifier: "cart-dev", team: "payments" });
    expect(await findEntityRow("deployment", "cart-dev")).toEqual(row);
    const entity = await getEntity("deployment", "cart-dev");
    expect(entity.relations).toEqual({ service: ["cart"], environment: ["dev"] });
    expect(await findEntity("deployment", "cart-dev")).toEqual(entity);
    const detail = await getEntityDetail("service", "cart");
    expect(detail.referencedBy).toEqual([
      { blueprint: "deployment", relation: "service", entities: [expect.objectContaining({ identifier: "cart-dev" })] },
    ]);
  });

  it("answers null from find… and notFound from get… for a missing entity", async () => {
    expect(await findEntityRow("deployment", "ghost")).toBeNull();
    expect(await findEntity("deployment", "ghost")).toBeNull();
    // The same identifier under another blueprint is another entity.
    expect(await findEntity("deployment", "cart")).toBeNull();
    await expect(getEntityRow("deployment", "ghost")).rejects.toBeInstanceOf(AppError);
    await expect(getEntityRow("deployment", "ghost")).rejects.toEqual(notFoundError);
    await expect(getEntity("deployment", "ghost")).rejects.toEqual(notFoundError);
    await expect(getEntityDetail("deployment", "ghost")).rejects.toEqual(notFoundError);
    await expect(getEntityDetail("no-such-blueprint", "cart")).rejects.toThrow(/Blueprint "no-such-blueprint"/);
  });
});

class Rollback extends Error {}

async function counts() {
  const [audit] = await getDb().select({ n: count() }).from(auditLog);
  const [activity] = await getDb().select({ n: count() }).from(entityActivity);
  return { audit: audit!.n, activity: activity!.n };
}

describe("catalog writes inside the caller's transaction (opts.db)", () => {
  it("see the transaction's own earlier writes and leave nothing behind when it rolls back", async () => {
    const before = await counts();
    let seenInside: unknown = null;
    await expect(
      getDb().transaction(async (tx) => {
        const opts = { actor: "ada@example.com", db: tx };
        await createBlueprint(
          { identifier: "widget", title: "Widget", schema: { type: "object", properties: {} }, relations: {} },
          opts,
        );
        // Only visible inside the transaction: the blueprint lookup must use it too.
        await createEntity("widget", { identifier: "w1", team: "payments", properties: {}, relations: {} }, opts);
        await updateEntity("service", "cart", { title: "Cart (renamed)" }, opts);
        await deleteEntity("deployment", "cart-dev", opts);
        seenInside = await findEntity("widget", "w1", { db: tx });
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(seenInside).toMatchObject({ identifier: "w1", team: "payments" });
    expect(await findBlueprint("widget")).toBeNull();
    expect(await findEntityRow("widget", "w1")).toBeNull();
    expect((await getEntityRow("service", "cart")).title).toBe("cart");
    expect(await findEntityRow("deployment", "cart-dev")).not.toBeNull();
    expect(await counts()).toEqual(before);
  });
});
