import { describe, expect, it } from "vitest";
import { getBlueprint, updateBlueprint } from "@/lib/catalog/blueprints";
import { setupTestDatabase } from "@/tests/db";
import { ensureBuiltinBlueprints } from "./seed";

setupTestDatabase();

describe("ensureBuiltinBlueprints on an existing catalog", () => {
  it("adds a relation a newer built-in blueprint has (service → paas) and keeps the rest as it was", async () => {
    const before = await getBlueprint("service");
    const { paas: _paas, ...older } = before.relations;
    await updateBlueprint("service", { relations: older, description: "edited by an admin" });
    expect((await getBlueprint("service")).relations.paas).toBeUndefined();

    expect(await ensureBuiltinBlueprints()).toBe(0);
    const after = await getBlueprint("service");
    expect(after.relations.paas).toEqual({ title: "Paas", target: "paas", many: false, required: false });
    expect(after.description).toBe("edited by an admin");
  });
});
