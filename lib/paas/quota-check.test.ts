import { describe, expect, it } from "vitest";
import { checkQuota } from "./quota-check";

const quota = { name: "shop", cpu: "2", memory: "2Gi" };
const fields = { cpu: "replicas", memory: "memory_limit" };

describe("checkQuota", () => {
  it("accepts an exact fit", () => {
    expect(checkQuota(quota, { cpu: 1.5, memory: 2 ** 30 }, { cpu: 0.5, memory: 2 ** 30 }, fields)).toEqual({});
  });

  it("names the quota, what is used and what was asked", () => {
    expect(checkQuota(quota, { cpu: 1.5, memory: 0 }, { cpu: 2, memory: 512 * 2 ** 20 }, fields)).toEqual({
      replicas: ["Exceeds quota shop (limits.cpu 2): 1.5 used, 2 asked"],
    });
    expect(checkQuota(quota, { cpu: 0, memory: 2 ** 31 }, { cpu: 0.25, memory: 256 * 2 ** 20 }, fields)).toEqual({
      memory_limit: ["Exceeds quota shop (limits.memory 2Gi): 2Gi used, 256Mi asked"],
    });
  });

  it("ignores keys the quota does not set", () => {
    expect(checkQuota({ name: "shop" }, { cpu: 100, memory: 1e12 }, { cpu: 100, memory: 1e12 }, fields)).toEqual({});
  });
});
