import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "./cursor";

function expectInvalidCursor(raw: string): void {
  let caught: unknown;
  try {
    decodeCursor(raw);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe("validation");
  expect((caught as AppError).fields).toHaveProperty("cursor");
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");

describe("cursor", () => {
  it("round-trips the sort value and id", () => {
    const cursor = { v: "2026-11-01T09:15:00.123456", id: 4242 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it("round-trips values with quotes, unicode and separators", () => {
    const cursor = { v: `we'ird "id" ✓ ,/[]`, id: 1 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it("is URL-safe and opaque", () => {
    const raw = encodeCursor({ v: "a/b+c?d=e&f", id: 7 });
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(raw).not.toContain("a/b");
  });

  it("rejects garbage with a validation error on the cursor field", () => {
    expectInvalidCursor("not a cursor!!");
    expectInvalidCursor("");
    expectInvalidCursor(Buffer.from("{not json", "utf8").toString("base64url"));
  });

  it("rejects well-formed JSON of the wrong shape", () => {
    expectInvalidCursor(b64({ v: "a", id: 1 }));
    expectInvalidCursor(b64([1, 2]));
    expectInvalidCursor(b64(["a", "1"]));
    expectInvalidCursor(b64(["a", 1.5]));
    expectInvalidCursor(b64(["a", Number.MAX_SAFE_INTEGER + 10]));
  });
});
