import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { getCapabilityElementFile, getPaasFile, renderPaasFiles } from "./paas";

describe("renderPaasFiles", () => {
  const spec = {
    name: "my-kewl-app",
    capabilities: { argocd: { gitUrl: "https://git.example.com/a/config", gitPath: "." }, tekton: {} },
    namespaces: ["prod"],
    quota: { "limits.cpu": "42", "limits.memory": "11Gi", "requests.storage": "13Gi" },
  };

  it("writes the opr-paas Paas resource and one ApplicationSet element per enabled capability", () => {
    const files = renderPaasFiles(spec, "payments");
    expect(Object.keys(files).sort()).toEqual(
      [
        getPaasFile("my-kewl-app"),
        getCapabilityElementFile("my-kewl-app", "argocd"),
        getCapabilityElementFile("my-kewl-app", "tekton"),
      ].sort(),
    );
    const paas = parse(files[getPaasFile("my-kewl-app")]!);
    expect(paas).toEqual({
      apiVersion: "cpet.belastingdienst.nl/v1alpha1",
      kind: "Paas",
      metadata: { name: "my-kewl-app", labels: { "app.kubernetes.io/managed-by": "slipway" } },
      spec: {
        requestor: "payments",
        capabilities: {
          argocd: { enabled: true, gitUrl: "https://git.example.com/a/config", gitPath: "." },
          tekton: { enabled: true },
        },
        namespaces: ["prod"],
        quota: { "limits.cpu": "42", "limits.memory": "11Gi", "requests.storage": "13Gi" },
      },
    });
    expect(parse(files[getCapabilityElementFile("my-kewl-app", "tekton")]!)).toEqual({
      paas: "my-kewl-app",
      service: "tekton",
      namespace: "my-kewl-app-tekton",
      requestor: "payments",
    });
  });
});
