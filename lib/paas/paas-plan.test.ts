import { describe, expect, it } from "vitest";
import { capabilityLinks, planPaas } from "./paas-plan";

const seedPaas = {
  name: "my-kewl-app",
  capabilities: { forgejo: {}, tekton: {}, vault: {}, harbor: {}, argocd: {}, grafana: {} },
  namespaces: ["prod"],
  quota: { "limits.cpu": "42", "limits.memory": "11Gi", "requests.storage": "13Gi" },
};

describe("planPaas", () => {
  it("names namespaces and quotas as the operator does for the seed's Paas", () => {
    const plan = planPaas(seedPaas);
    expect(plan.namespaces.map((n) => n.name).sort()).toEqual(
      [
        "my-kewl-app",
        "my-kewl-app-forgejo",
        "my-kewl-app-tekton",
        "my-kewl-app-vault",
        "my-kewl-app-harbor",
        "my-kewl-app-argocd",
        "my-kewl-app-grafana",
        "my-kewl-app-prod",
      ].sort(),
    );
    expect(plan.quotas.map((q) => q.name).sort()).toEqual(
      [
        "my-kewl-app",
        "my-kewl-app-forgejo",
        "my-kewl-app-tekton",
        "my-kewl-app-vault",
        "my-kewl-app-harbor",
        "my-kewl-app-argocd",
        "my-kewl-app-grafana",
      ].sort(),
    );
    expect(plan.quotas[0]).toEqual({
      name: "my-kewl-app",
      namespaces: ["my-kewl-app", "my-kewl-app-prod"],
      hard: seedPaas.quota,
    });
    expect(plan.namespaces.find((n) => n.name === "my-kewl-app-vault")?.quota).toBe("my-kewl-app-vault");
  });

  it("plans only the capabilities that are enabled", () => {
    const plan = planPaas({ ...seedPaas, capabilities: { argocd: {}, tekton: {} }, namespaces: [] });
    expect(plan.namespaces.map((n) => n.name)).toEqual(["my-kewl-app", "my-kewl-app-argocd", "my-kewl-app-tekton"]);
    expect(capabilityLinks(seedPaas, "apps.example.com")[0]).toEqual({
      capability: "argocd",
      url: "https://argocd.my-kewl-app.apps.example.com",
    });
  });
});
