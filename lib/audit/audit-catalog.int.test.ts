import { asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { createBlueprint, deleteBlueprint, findBlueprint, updateBlueprint } from "@/lib/catalog/blueprints";
import { createEntity, deleteEntity, updateEntity } from "@/lib/catalog/entities";
import { getDb } from "@/lib/db/client";
import { resetDatabase, setupTestDatabase } from "@/tests/db";
import { verifyAuditChain } from "./verify-audit";

setupTestDatabase();
beforeEach(resetDatabase);

async function auditFor(target: string) {
  return getDb()
    .select({ actor: auditLog.actor, verb: auditLog.verb, target: auditLog.target, data: auditLog.data })
    .from(auditLog)
    .where(eq(auditLog.target, target))
    .orderBy(asc(auditLog.id));
}

describe("catalog writes are audited", () => {
  it("records the built-in blueprints created at start-up as system", async () => {
    const rows = await auditFor("blueprint:service");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor: "system",
      verb: "blueprint.create",
      data: { after: { title: "Service", builtin: true } },
    });
  });

  it("records entity create, update and delete with actor, target and before/after of changed keys", async () => {
    const ada = { actor: "ada@example.com" };
    await createEntity(
      "service",
      { identifier: "cart", title: "Cart", properties: { language: "node", port: 8080 }, relations: {} },
      ada,
    );
    await createEntity("service", { identifier: "pricing", properties: { language: "go" }, relations: {} });
    await updateEntity(
      "service",
      "cart",
      { title: "Shopping cart", properties: { port: 9090, redis: true }, relations: { dependsOn: ["pricing"] } },
      { actor: "bob@example.com" },
    );
    await deleteEntity("service", "cart", ada);

    const rows = await auditFor("entity:service/cart");
    expect(rows.map((r) => [r.verb, r.actor])).toEqual([
      ["entity.create", "ada@example.com"],
      ["entity.update", "bob@example.com"],
      ["entity.delete", "ada@example.com"],
    ]);
    expect(rows[0]!.data).toEqual({
      after: { title: "Cart", team: null, properties: { language: "node", port: 8080 }, relations: {} },
    });
    expect(rows[1]!.data).toEqual({
      before: { title: "Cart", properties: { port: 8080 }, relations: {} },
      after: { title: "Shopping cart", properties: { port: 9090, redis: true }, relations: { dependsOn: ["pricing"] } },
    });
    expect(rows[2]!.data).toEqual({
      before: {
        title: "Shopping cart",
        team: null,
        properties: { language: "node", port: 9090, redis: true },
        relations: { dependsOn: ["pricing"] },
      },
    });
    expect((await auditFor("entity:service/pricing"))[0]).toMatchObject({ actor: "system", verb: "entity.create" });
    expect(await verifyAuditChain(getDb())).toMatchObject({ ok: true });
  });

  it("records blueprint create, update and delete", async () => {
    const schema = { properties: { size: { type: "integer" } } };
    await createBlueprint(
      { identifier: "widget", title: "Widget", schema, relations: {} },
      { actor: "ada@example.com" },
    );
    await updateBlueprint("widget", { title: "Gadget", icon: "box" }, { actor: "bob@example.com" });
    await deleteBlueprint("widget");

    const rows = await auditFor("blueprint:widget");
    expect(rows.map((r) => [r.verb, r.actor])).toEqual([
      ["blueprint.create", "ada@example.com"],
      ["blueprint.update", "bob@example.com"],
      ["blueprint.delete", "system"],
    ]);
    expect(rows[0]!.data).toEqual({
      after: {
        title: "Widget",
        icon: "box",
        description: "",
        schema: { type: "object", ...schema },
        relations: {},
        builtin: false,
      },
    });
    expect(rows[1]!.data).toEqual({ before: { title: "Widget" }, after: { title: "Gadget" } });
    expect(rows[2]!.data).toMatchObject({ before: { title: "Gadget", builtin: false } });
  });

  it("writes nothing when the change is refused", async () => {
    const before = await getDb().$count(auditLog);
    await expect(
      createEntity("service", { identifier: "bad", properties: { language: "cobol" }, relations: {} }),
    ).rejects.toThrow();
    await expect(deleteBlueprint("service")).rejects.toThrow(/built in/);
    await expect(updateBlueprint("ghost", { title: "Ghost" })).rejects.toThrow(/not found/);
    await expect(
      createBlueprint(
        { identifier: "service", title: "Again", schema: {}, relations: {} },
        { actor: "ada@example.com" },
      ),
    ).rejects.toThrow(/already exists/);
    expect(await getDb().$count(auditLog)).toBe(before);
  });

  it("rolls the change back when the audit row cannot be written", async () => {
    // jsonb cannot hold \u0000; the blueprint's json column can, so only the audit insert fails.
    const schema = { properties: { a: { type: "string", title: "nul\u0000" } } };
    await expect(createBlueprint({ identifier: "nul", title: "Nul", schema, relations: {} })).rejects.toThrow(
      /audit_log/,
    );
    expect(await getDb().$count(auditLog, eq(auditLog.target, "blueprint:nul"))).toBe(0);
    expect(await findBlueprint("nul")).toBeNull();
  });
});
