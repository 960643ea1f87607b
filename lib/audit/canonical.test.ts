import { describe, expect, it } from "vitest";
import { canonicalJson, hashAuditRow, type AuditFields } from "./canonical";
import { diffChanges } from "./diff";

const base: AuditFields = {
  prevHash: "a".repeat(64),
  at: new Date("2026-11-20T10:15:30.123Z"),
  actor: "ada@example.com",
  verb: "entity.update",
  target: "entity:service/cart",
  data: { before: { tier: "2", owner: { team: "checkout", oncall: ["ada", "bob"] } }, after: { tier: "1" } },
};

describe("canonicalJson", () => {
  it("sorts object keys at every depth and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("is independent of key insertion order", () => {
    expect(canonicalJson({ x: 1, y: { p: true, q: "s" } })).toBe(canonicalJson({ y: { q: "s", p: true }, x: 1 }));
  });

  it("renders values as JSON would store them", () => {
    expect(
      canonicalJson({ gone: undefined, when: new Date("2026-01-02T03:04:05.006Z"), n: 1.0, list: [undefined] }),
    ).toBe('{"list":[null],"n":1,"when":"2026-01-02T03:04:05.006Z"}');
  });
});

describe("hashAuditRow", () => {
  it("is a sha256 hex digest and deterministic", () => {
    expect(hashAuditRow(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuditRow({ ...base })).toBe(hashAuditRow(base));
  });

  it("does not depend on the key order of data", () => {
    const reordered = {
      after: { tier: "1" },
      before: { owner: { oncall: ["ada", "bob"], team: "checkout" }, tier: "2" },
    };
    expect(hashAuditRow({ ...base, data: reordered })).toBe(hashAuditRow(base));
  });

  const changes: [string, Partial<AuditFields>][] = [
    ["prevHash", { prevHash: "b".repeat(64) }],
    ["prevHash (genesis)", { prevHash: null }],
    ["at (one millisecond)", { at: new Date(base.at.getTime() + 1) }],
    ["actor", { actor: "system" }],
    ["verb", { verb: "entity.delete" }],
    ["target", { target: "entity:service/carts" }],
    ["data (nested value)", { data: { ...base.data, after: { tier: "3" } } }],
    [
      "data (array order)",
      { data: { ...base.data, before: { tier: "2", owner: { team: "checkout", oncall: ["bob", "ada"] } } } },
    ],
    ["data (string vs number)", { data: { ...base.data, after: { tier: 1 } } }],
  ];
  it.each(changes)("changes when %s changes", (_name, change) => {
    expect(hashAuditRow({ ...base, ...change })).not.toBe(hashAuditRow(base));
  });

  it("cannot be fooled by moving text between fields", () => {
    const a = hashAuditRow({ ...base, actor: "ada", verb: "x.y" });
    const b = hashAuditRow({ ...base, actor: "ad", verb: "ax.y" });
    expect(a).not.toBe(b);
  });
});

describe("diffChanges", () => {
  it("keeps only the changed top-level keys", () => {
    expect(diffChanges({ title: "A", icon: "box", n: 1 }, { title: "B", icon: "box", n: 1 })).toEqual({
      before: { title: "A" },
      after: { title: "B" },
    });
  });

  it("treats objects that differ only in key order as unchanged", () => {
    expect(diffChanges({ s: { a: 1, b: 2 } }, { s: { b: 2, a: 1 } })).toEqual({ before: {}, after: {} });
  });

  it("leaves an added key out of before and a removed key out of after", () => {
    expect(diffChanges({ old: 1 }, { fresh: 2 })).toEqual({ before: { old: 1 }, after: { fresh: 2 } });
  });

  it("diffs nested maps one level down", () => {
    const before = { title: "Cart", properties: { tier: "2", lang: "node" } };
    const after = { title: "Cart", properties: { tier: "1", lang: "node", db: true } };
    expect(diffChanges(before, after, ["properties"])).toEqual({
      before: { properties: { tier: "2" } },
      after: { properties: { tier: "1", db: true } },
    });
  });
});
