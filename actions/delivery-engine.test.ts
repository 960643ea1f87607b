import { describe, expect, it } from "vitest";
import type { ClusterPort } from "@/lib/cluster/cluster-port";
import { defaultEnvironments } from "@/lib/gitops";
import { renderGitopsService } from "@/lib/gitops/render-gitops-service";
import { makeOptions, makeSpec } from "@/tests/gitops/fixtures";
import { getEngineOps } from "./delivery-engine";

const cluster = {} as ClusterPort;
const render = (engine: "argocd" | "flux", branch?: string) =>
  renderGitopsService(
    makeSpec(),
    makeOptions({ environments: defaultEnvironments.map((e) => (e.name === "prod" ? { ...e, engine, branch } : e)) }),
  );

describe("engine ops", () => {
  it("each engine knows where its manifest lives and reads the branch it follows", () => {
    const flux = getEngineOps(cluster, "flux");
    expect(flux.readTrackedBranch(render("flux", "production")[flux.path("payment-service-prod")]!)).toBe("production");
    expect(flux.readTrackedBranch(render("flux")[flux.path("payment-service-prod")]!)).toBe("main");
    const argocd = getEngineOps(cluster, "argocd");
    expect(argocd.readTrackedBranch(render("argocd")[argocd.path("payment-service-prod")]!)).toBe("main");
    for (const ops of [flux, argocd]) expect(ops.readTrackedBranch("kind: [broken"), ops.engine).toBeNull();
    expect(getEngineOps(cluster, "flux").path("a-dev")).toBe("flux/apps/a-dev.yaml");
    expect(getEngineOps(cluster, "argocd").path("a-dev")).toBe("argocd/apps/a-dev.yaml");
  });
});
