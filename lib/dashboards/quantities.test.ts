import { describe, expect, it } from "vitest";
import { cpuCores, memoryMiB } from "./quantities";

describe("resource quantities", () => {
  it("reads CPU in cores and memory in MiB, null for anything else", () => {
    expect(cpuCores("250m")).toBe(0.25);
    expect(cpuCores("2")).toBe(2);
    expect(cpuCores("1.5")).toBe(1.5);
    expect(cpuCores("lots")).toBeNull();
    expect(cpuCores(undefined)).toBeNull();
    expect(memoryMiB("512Mi")).toBe(512);
    expect(memoryMiB("2Gi")).toBe(2048);
    expect(memoryMiB("1024Ki")).toBe(1);
    expect(memoryMiB("12 parsecs")).toBeNull();
  });
});
