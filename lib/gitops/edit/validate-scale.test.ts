import { describe, expect, it } from "vitest";
import { parseCpu, parseMemory } from "./quantity";
import { validateScale, type ScaleConstraints } from "./validate-scale";

const constraints: ScaleConstraints = { requests: { cpu: "250m", memory: "512Mi" }, minReplicas: 1, maxReplicas: 20 };

describe("parseCpu / parseMemory", () => {
  it.each([
    ["250m", 0.25],
    ["2000m", 2],
    ["2", 2],
    ["1.5", 1.5],
    [".5", 0.5],
  ])("CPU %s is %d cores", (text, cores) => {
    expect(parseCpu(text)).toBe(cores);
  });

  it.each(["", "2 cores", "1Gi", "-1", "1e3", "m"])("CPU %j is not a quantity", (text) => {
    expect(parseCpu(text)).toBeNull();
  });

  it.each([
    ["512Mi", 512 * 2 ** 20],
    ["1Gi", 2 ** 30],
    ["64Ki", 64 * 1024],
    ["500M", 500e6],
    ["1G", 1e9],
    ["1073741824", 2 ** 30],
    ["1.5Gi", 1.5 * 2 ** 30],
  ])("memory %s is %d bytes", (text, bytes) => {
    expect(parseMemory(text)).toBe(bytes);
  });

  it.each(["2GB", "512m", "lots", "1 Gi", ""])("memory %j is not a quantity", (text) => {
    expect(parseMemory(text)).toBeNull();
  });
});

describe("validateScale", () => {
  it("accepts a Port-shaped scale request", () => {
    expect(validateScale({ replicas: 10, cpuLimit: "2000m", memoryLimit: "2Gi" }, constraints)).toEqual({});
  });

  it("accepts limits equal to the requests, and a partial request", () => {
    expect(validateScale({ cpuLimit: "0.25", memoryLimit: "512Mi" }, constraints)).toEqual({});
    expect(validateScale({ replicas: 1 }, constraints)).toEqual({});
  });

  it("reports limits below the requests in the request's own notation", () => {
    expect(validateScale({ cpuLimit: "200m", memoryLimit: "256Mi" }, constraints)).toEqual({
      cpu_limit: ["below the request of 250m"],
      memory_limit: ["below the request of 512Mi"],
    });
  });

  it("compares across units", () => {
    expect(validateScale({ memoryLimit: "500M" }, constraints)).toEqual({
      memory_limit: ["below the request of 512Mi"],
    });
    expect(validateScale({ memoryLimit: "0.5Gi" }, constraints)).toEqual({});
  });

  it("enforces the replica range", () => {
    expect(validateScale({ replicas: 0 }, constraints)).toEqual({ replicas: ["must be between 1 and 20"] });
    expect(validateScale({ replicas: 21 }, constraints)).toEqual({ replicas: ["must be between 1 and 20"] });
    expect(validateScale({ replicas: 2.5 }, constraints)).toEqual({ replicas: ["must be a whole number"] });
  });

  it("enforces optional ceilings", () => {
    const capped = { ...constraints, maxCpuLimit: "4", maxMemoryLimit: "8Gi" };
    expect(validateScale({ cpuLimit: "4001m", memoryLimit: "9Gi" }, capped)).toEqual({
      cpu_limit: ["above the maximum of 4"],
      memory_limit: ["above the maximum of 8Gi"],
    });
  });

  it("names the expected notation for unparsable values", () => {
    expect(validateScale({ cpuLimit: "2 cores", memoryLimit: "2GB" }, constraints)).toEqual({
      cpu_limit: ["not a Kubernetes quantity (e.g. 500m, 2)"],
      memory_limit: ["not a Kubernetes quantity (e.g. 512Mi, 2Gi)"],
    });
  });

  it("treats a broken request in the overlay as a conflict, not a user error", () => {
    expect(() => validateScale({ cpuLimit: "1" }, { ...constraints, requests: { cpu: "x", memory: "1Gi" } })).toThrow(
      'the overlay\'s cpu request "x" is not a quantity',
    );
  });
});
