import { describe, expect, it } from "vitest";
import { planBrowser, type BrowserProbes } from "./decide";

const machine = (files: string[], extra: Partial<BrowserProbes> = {}): BrowserProbes => ({
  exists: (file) => files.includes(file),
  isRoot: true,
  hasApt: true,
  ...extra,
});

describe("planBrowser", () => {
  it("uses Debian's chromium when it is installed", () => {
    expect(planBrowser(machine(["/usr/bin/chromium"]))).toEqual({ kind: "found", path: "/usr/bin/chromium" });
  });

  it("uses the browser SLIPWAY_CHROMIUM points at", () => {
    expect(planBrowser(machine(["/opt/chrome/chrome"], { configured: "/opt/chrome/chrome" }))).toEqual({
      kind: "found",
      path: "/opt/chrome/chrome",
    });
  });

  it("installs Debian's chromium when none is found and it runs as root with apt", () => {
    expect(planBrowser(machine([]))).toEqual({ kind: "install" });
  });

  it("tells a user without root what to run instead of installing", () => {
    const plan = planBrowser(machine([], { isRoot: false }));
    expect(plan.kind).toBe("refuse");
    expect(plan).toMatchObject({ line: expect.stringContaining("sudo apt-get install -y chromium") });
  });

  it("asks for SLIPWAY_CHROMIUM on a machine without apt", () => {
    expect(planBrowser(machine([], { hasApt: false }))).toMatchObject({
      kind: "refuse",
      line: expect.stringContaining("set SLIPWAY_CHROMIUM"),
    });
  });

  it("refuses a configured browser that is missing rather than installing another one", () => {
    expect(planBrowser(machine(["/usr/bin/chromium"], { configured: "/nowhere/chrome" }))).toMatchObject({
      kind: "refuse",
      line: expect.stringContaining("SLIPWAY_CHROMIUM=/nowhere/chrome does not exist"),
    });
  });
});
