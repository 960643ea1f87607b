import { describe, expect, it } from "vitest";
import { toFieldChanges, toPlainFields } from "./audit-changes";

describe("toFieldChanges", () => {
  it("lists an update's changed properties one per line, by dotted field", () => {
    const data = {
      before: { properties: { replicas: 2, image: "cart:1.2.0" } },
      after: { properties: { replicas: 3, image: "cart:1.3.0" } },
    };
    expect(toFieldChanges(data)).toEqual([
      { field: "properties.image", kind: "changed", before: "cart:1.2.0", after: "cart:1.3.0" },
      { field: "properties.replicas", kind: "changed", before: "2", after: "3" },
    ]);
  });

  it("marks fields only after as added and only before as removed", () => {
    const data = { before: { team: "payments", title: "Cart" }, after: { title: "Cart", owner: "dana" } };
    expect(toFieldChanges(data)).toEqual([
      { field: "owner", kind: "added", after: "dana" },
      { field: "team", kind: "removed", before: "payments" },
      { field: "title", kind: "changed", before: "Cart", after: "Cart" },
    ]);
  });

  it("treats a create (after only) as all added, and keeps arrays whole", () => {
    expect(toFieldChanges({ after: { relations: { dependsOn: ["ledger"] } } })).toEqual([
      { field: "relations.dependsOn", kind: "added", after: '["ledger"]' },
    ]);
  });

  it("returns null for rows without before/after", () => {
    expect(toFieldChanges({ name: "ci", scopes: ["read"] })).toBeNull();
    expect(toPlainFields({ name: "ci", scopes: ["read"] })).toEqual([
      { field: "name", value: "ci" },
      { field: "scopes", value: '["read"]' },
    ]);
  });
});
