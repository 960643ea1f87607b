import { getServiceDir, setImageTag, setScale, type ScaleChange } from "@/lib/gitops";
import type { GateTarget } from "@/lib/policies/gate";
import type { DeploymentTarget } from "./deployment-target";

// The overlay edits promote, rollback and scale make, described for the policy gate: it renders the
// target overlay with the edit applied before the run exists (the executors make the same edits).

export function imageTagGate(target: DeploymentTarget, version: string, soak?: GateTarget["soak"]): GateTarget {
  const file = target.paths.kustomization;
  return {
    environment: target.environment.name,
    service: target.service,
    serviceDir: getServiceDir(target.service),
    overlayDir: target.paths.dir,
    edit: (files) => (files[file] === undefined ? {} : { [file]: setImageTag(files[file], target.image, version) }),
    soak,
  };
}

export function scaleGate(target: DeploymentTarget, change: ScaleChange): GateTarget {
  const { replicaPatch, resourcePatch } = target.paths;
  return {
    environment: target.environment.name,
    service: target.service,
    serviceDir: getServiceDir(target.service),
    overlayDir: target.paths.dir,
    edit: (files) => {
      if (files[replicaPatch] === undefined || files[resourcePatch] === undefined) return {};
      const next = setScale({ replicaPatch: files[replicaPatch], resourcePatch: files[resourcePatch] }, change);
      return {
        [replicaPatch]: next.replicaPatch ?? files[replicaPatch],
        [resourcePatch]: next.resourcePatch ?? files[resourcePatch],
      };
    },
  };
}
