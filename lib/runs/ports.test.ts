import { describe, expect, it, vi } from "vitest";
import type { CatalogPort } from "@/lib/catalog/catalog-port";
import type { ClusterPort } from "@/lib/cluster/cluster-port";
import type { ForgejoPort } from "@/lib/git/forgejo-port";
import { lazyRunPorts } from "./ports";

describe("lazyRunPorts", () => {
  it("builds an adapter only when it is read, and once", () => {
    const catalog = {} as CatalogPort;
    const build = {
      forgejo: vi.fn(() => ({}) as ForgejoPort),
      catalog: vi.fn(() => catalog),
      cluster: vi.fn(() => ({}) as ClusterPort),
      gitops: vi.fn(() => ({ owner: "platform", repo: "gitops", registry: "r", domain: "d", portalUrl: "u" })),
    };
    const ports = lazyRunPorts(build);
    expect(ports.catalog).toBe(catalog);
    expect(ports.catalog).toBe(catalog);
    expect(build.catalog).toHaveBeenCalledTimes(1);
    expect(build.forgejo).not.toHaveBeenCalled();
    expect(build.cluster).not.toHaveBeenCalled();
    const { gitops } = ports;
    expect(gitops.repo).toBe("gitops");
    expect(build.cluster).not.toHaveBeenCalled();
  });
});
