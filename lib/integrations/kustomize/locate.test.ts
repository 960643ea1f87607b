import { describe, expect, it } from "vitest";
import { chooseKustomize, commandFor, type LocateProbes } from "./locate";

const probes = (files: string[], extra: Partial<LocateProbes> = {}): LocateProbes => ({
  pathDirs: ["/opt/bin", "/usr/bin"],
  built: "/cache/kustomize-v5.8.1/bin/kustomize",
  isExecutable: (file) => files.includes(file),
  ...extra,
});

describe("chooseKustomize", () => {
  it("prefers kustomize on PATH, with its build subcommand", () => {
    expect(chooseKustomize(probes(["/usr/bin/kubectl", "/usr/bin/kustomize"]))).toEqual({
      command: ["/usr/bin/kustomize", "build"],
    });
  });

  it("falls back to kubectl on PATH, wherever it lives", () => {
    expect(chooseKustomize(probes(["/opt/bin/kubectl", "/cache/kustomize-v5.8.1/bin/kustomize"]))).toEqual({
      command: ["/opt/bin/kubectl", "kustomize"],
    });
  });

  it("uses the Go-built kustomize from the cache when PATH has neither", () => {
    expect(chooseKustomize(probes(["/cache/kustomize-v5.8.1/bin/kustomize"]))).toEqual({
      command: ["/cache/kustomize-v5.8.1/bin/kustomize", "build"],
    });
  });

  it("says nothing is there, and that building would help, when nothing is found", () => {
    expect(chooseKustomize(probes([]))).toEqual({
      command: null,
      problem: "neither kustomize nor kubectl is on PATH",
      buildable: true,
    });
  });

  it("lets SLIPWAY_KUSTOMIZE override PATH, as a path or a name", () => {
    const files = ["/usr/bin/kustomize", "/usr/bin/kubectl", "/srv/tools/kubectl-1.32"];
    expect(chooseKustomize(probes(files, { configured: "/srv/tools/kubectl-1.32" })).command).toEqual([
      "/srv/tools/kubectl-1.32",
      "kustomize",
    ]);
    expect(chooseKustomize(probes(files, { configured: "kubectl" })).command).toEqual([
      "/usr/bin/kubectl",
      "kustomize",
    ]);
  });

  it("reports a configured binary that is missing instead of silently using another", () => {
    expect(chooseKustomize(probes(["/usr/bin/kustomize"], { configured: "/nowhere/kustomize" }))).toEqual({
      command: null,
      problem: "SLIPWAY_KUSTOMIZE=/nowhere/kustomize is not an executable kustomize or kubectl",
      buildable: false,
    });
  });
});

describe("commandFor", () => {
  it("gives kubectl its kustomize subcommand and kustomize its build subcommand", () => {
    expect(commandFor("/usr/lib/google-cloud-sdk/bin/kubectl")).toEqual([
      "/usr/lib/google-cloud-sdk/bin/kubectl",
      "kustomize",
    ]);
    expect(commandFor("kustomize")).toEqual(["kustomize", "build"]);
  });
});
