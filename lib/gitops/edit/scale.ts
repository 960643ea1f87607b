import { isMap, isSeq, type Document, type YAMLMap } from "yaml";
import { AppError, type FieldErrors } from "@/lib/errors";
import { parseCpu, parseMemory } from "./quantity";
import { parseYamlFile, printYamlFile, readScalarText } from "./yaml-doc";

/** The overlay files a scale touches (see getOverlayPaths). */
export type ScaleFiles = { replicaPatch: string; resourcePatch: string };
export type ScaleChange = { replicas?: number; cpuLimit?: string; memoryLimit?: string };
export type CurrentScale = {
  replicas: number;
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
};

// A batch job's "replicas" are the pods its runs start in parallel.
const shapes: Record<string, { replicas: string[]; containers: string[] }> = {
  Deployment: { replicas: ["spec", "replicas"], containers: ["spec", "template", "spec", "containers"] },
  CronJob: {
    replicas: ["spec", "jobTemplate", "spec", "parallelism"],
    containers: ["spec", "jobTemplate", "spec", "template", "spec", "containers"],
  },
};

function getShape(doc: Document, file: string) {
  const kind = doc.get("kind");
  const shape = typeof kind === "string" ? shapes[kind] : undefined;
  if (!shape)
    throw new AppError("conflict", `${file}: expected a Deployment or CronJob patch, found kind ${String(kind)}`);
  return shape;
}

/** Path to the app container's resources: the container named like the workload, else the only one. */
function getResourcesPath(doc: Document, file: string): unknown[] {
  const { containers } = getShape(doc, file);
  const seq = doc.getIn(containers, true);
  if (!isSeq(seq) || seq.items.length === 0)
    throw new AppError("conflict", `${file}: no containers to set resources on`);
  const name = doc.getIn(["metadata", "name"]);
  const named = seq.items.findIndex((c) => isMap(c) && (c as YAMLMap).get("name") === name);
  return [...containers, named >= 0 ? named : 0, "resources"];
}

function requireText(doc: Document, path: unknown[], file: string): string {
  const text = readScalarText(doc, path);
  if (text === null) throw new AppError("conflict", `${file}: missing ${path.join(".")}`);
  return text;
}

/** What the overlay currently asks for; feed `requests` to validateScale. */
export function readScale(files: ScaleFiles): CurrentScale {
  const replicaDoc = parseYamlFile(files.replicaPatch, "replica-patch.yaml");
  const resourceDoc = parseYamlFile(files.resourcePatch, "resource-patch.yaml");
  const replicas = Number(
    requireText(replicaDoc, getShape(replicaDoc, "replica-patch.yaml").replicas, "replica-patch.yaml"),
  );
  const base = getResourcesPath(resourceDoc, "resource-patch.yaml");
  const at = (...p: string[]) => requireText(resourceDoc, [...base, ...p], "resource-patch.yaml");
  return {
    replicas,
    requests: { cpu: at("requests", "cpu"), memory: at("requests", "memory") },
    limits: { cpu: at("limits", "cpu"), memory: at("limits", "memory") },
  };
}

function checkChange(change: ScaleChange): void {
  const fields: FieldErrors = {};
  if (change.replicas !== undefined && (!Number.isInteger(change.replicas) || change.replicas < 0)) {
    fields.replicas = ["must be a whole number, 0 or more"];
  }
  if (change.cpuLimit !== undefined && parseCpu(change.cpuLimit) === null)
    fields.cpu_limit = ["not a CPU quantity (e.g. 500m, 2)"];
  if (change.memoryLimit !== undefined && parseMemory(change.memoryLimit) === null) {
    fields.memory_limit = ["not a memory quantity (e.g. 512Mi, 2Gi)"];
  }
  if (Object.keys(fields).length > 0) throw new AppError("validation", "Invalid scale", fields);
}

/**
 * Applies a scale to the overlay's patches and returns only the files that changed (an empty object
 * when the overlay already says so). Comments and layout of the patches are kept.
 */
export function setScale(files: ScaleFiles, change: ScaleChange): Partial<ScaleFiles> {
  checkChange(change);
  const changed: Partial<ScaleFiles> = {};
  if (change.replicas !== undefined) {
    const doc = parseYamlFile(files.replicaPatch, "replica-patch.yaml");
    const path = getShape(doc, "replica-patch.yaml").replicas;
    if (readScalarText(doc, path) !== String(change.replicas)) {
      doc.setIn(path, change.replicas);
      changed.replicaPatch = printYamlFile(doc);
    }
  }
  const limits: [string, string | undefined][] = [
    ["cpu", change.cpuLimit],
    ["memory", change.memoryLimit],
  ];
  if (limits.some(([, v]) => v !== undefined)) {
    const doc = parseYamlFile(files.resourcePatch, "resource-patch.yaml");
    const base = getResourcesPath(doc, "resource-patch.yaml");
    let touched = false;
    for (const [key, value] of limits) {
      if (value === undefined || readScalarText(doc, [...base, "limits", key]) === value) continue;
      doc.setIn([...base, "limits", key], value);
      touched = true;
    }
    if (touched) changed.resourcePatch = printYamlFile(doc);
  }
  return changed;
}
