import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { renderGitopsService } from "../render-gitops-service";
import { getOverlayPaths } from "../paths";
import { makeOptions, makeSpec } from "@/tests/gitops/fixtures";
import { readScale, setScale, type ScaleFiles } from "./scale";

function overlayFiles(template: "api-service" | "batch-job", env = "prod"): ScaleFiles {
  const files = renderGitopsService(makeSpec({ template, public: false }), makeOptions());
  const paths = getOverlayPaths("payment-service", env);
  return { replicaPatch: files[paths.replicaPatch] ?? "", resourcePatch: files[paths.resourcePatch] ?? "" };
}

describe("readScale", () => {
  it("reads replicas, requests and limits from a rendered overlay", () => {
    expect(readScale(overlayFiles("api-service"))).toEqual({
      replicas: 3,
      requests: { cpu: "250m", memory: "512Mi" },
      limits: { cpu: "1", memory: "1Gi" },
    });
  });

  it("reads a batch job's parallelism as its replicas", () => {
    expect(readScale(overlayFiles("batch-job", "staging")).replicas).toBe(2);
  });

  it("refuses a patch of another kind", () => {
    const files = overlayFiles("api-service");
    expect(() => readScale({ ...files, replicaPatch: "kind: StatefulSet\nspec:\n  replicas: 2\n" })).toThrow(
      "replica-patch.yaml: expected a Deployment or CronJob patch, found kind StatefulSet",
    );
  });
});

describe("setScale", () => {
  it("applies a Black Friday scale (replicas, cpu and memory) to both patches", () => {
    const files = overlayFiles("api-service");
    const changed = setScale(files, { replicas: 10, cpuLimit: "2000m", memoryLimit: "2Gi" });
    expect(Object.keys(changed).sort()).toEqual(["replicaPatch", "resourcePatch"]);
    expect(readScale({ ...files, ...changed })).toEqual({
      replicas: 10,
      requests: { cpu: "250m", memory: "512Mi" },
      limits: { cpu: "2000m", memory: "2Gi" },
    });
  });

  it("keeps the header comment and changes only the edited lines", () => {
    const files = overlayFiles("api-service");
    const changed = setScale(files, { replicas: 5 });
    expect(changed.replicaPatch).toBe(files.replicaPatch.replace("replicas: 3", "replicas: 5"));
    expect(changed.replicaPatch?.startsWith("# Overlay for prod.")).toBe(true);
  });

  it("returns only the files that change", () => {
    const files = overlayFiles("api-service");
    expect(setScale(files, { replicas: 3 })).toEqual({});
    expect(Object.keys(setScale(files, { memoryLimit: "1Gi", cpuLimit: "1500m" }))).toEqual(["resourcePatch"]);
    expect(setScale(files, {})).toEqual({});
  });

  it("quotes a whole-number CPU limit so it stays a quantity string", () => {
    const changed = setScale(overlayFiles("api-service"), { cpuLimit: "2" });
    expect(changed.resourcePatch).toContain('cpu: "2"');
  });

  it("scales a batch job through its parallelism", () => {
    const files = overlayFiles("batch-job");
    const changed = setScale(files, { replicas: 4, memoryLimit: "2Gi" });
    expect(changed.replicaPatch).toContain("parallelism: 4");
    expect(readScale({ ...files, ...changed })).toMatchObject({ replicas: 4, limits: { memory: "2Gi" } });
  });

  it("refuses values that are not quantities, with field errors", () => {
    try {
      setScale(overlayFiles("api-service"), { replicas: -1, cpuLimit: "lots", memoryLimit: "2GB" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).fields).toEqual({
        replicas: ["must be a whole number, 0 or more"],
        cpu_limit: ["not a CPU quantity (e.g. 500m, 2)"],
        memory_limit: ["not a memory quantity (e.g. 512Mi, 2Gi)"],
      });
    }
  });
});
