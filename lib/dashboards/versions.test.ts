import { describe, expect, it } from "vitest";
import { compareVersions, versionsAhead } from "./versions";

describe("versions ahead", () => {
  it("lists what reached the lower stage after the upper stage's version", () => {
    const staging = ["1.0.0", "1.1.0", "1.2.0", "1.3.0"];
    expect(versionsAhead(staging, "1.3.0", "1.0.0")).toEqual(["1.1.0", "1.2.0", "1.3.0"]);
    expect(versionsAhead(staging, "1.3.0", "1.3.0")).toEqual([]);
    expect(versionsAhead(staging, "1.2.0", "1.0.0")).toEqual(["1.1.0", "1.2.0"]);
  });

  it("falls back to version order when the upper version never passed the lower stage", () => {
    expect(versionsAhead(["1.9.0", "1.10.0"], "1.10.0", "1.8.0")).toEqual(["1.9.0", "1.10.0"]);
    expect(versionsAhead([], "2.0.0", null)).toEqual(["2.0.0"]);
    expect(versionsAhead([], null, "1.0.0")).toEqual([]);
    expect(compareVersions("1.10.0", "1.9.2")).toBeGreaterThan(0);
  });
});
