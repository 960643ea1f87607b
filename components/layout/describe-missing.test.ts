import { describe, expect, it } from "vitest";
import { blueprintInPath, describeMissing } from "./describe-missing";

describe("describeMissing", () => {
  it("names a missing entity with its blueprint", () => {
    expect(describeMissing("/catalog/service/nope", "Service")).toMatchObject({
      title: "Service not found",
      message: expect.stringContaining("There is no service “nope”"),
      back: { href: "/catalog/service" },
    });
  });

  it("names a missing blueprint, on catalog and admin paths", () => {
    expect(describeMissing("/catalog/widgets/x", null).message).toBe("There is no blueprint “widgets”.");
    expect(describeMissing("/admin/blueprints/widgets", null).message).toBe("There is no blueprint “widgets”.");
  });

  it("names runs, actions and unknown pages", () => {
    expect(describeMissing("/runs/123").message).toBe("There is no run “123”.");
    expect(describeMissing("/actions/launch/new").message).toBe("There is no action “launch”.");
    expect(describeMissing("/nowhere?x=1").message).toBe("There is no page at “/nowhere”.");
  });

  it("finds the blueprint a path names", () => {
    expect(blueprintInPath("/catalog/service/cart")).toBe("service");
    expect(blueprintInPath("/admin/blueprints/team")).toBe("team");
    expect(blueprintInPath("/admin/blueprints/new")).toBeUndefined();
    expect(blueprintInPath("/runs/1")).toBeUndefined();
  });
});
