import { readFileSync } from "node:fs";
import path from "node:path";
import { parseManifests, runKustomize, type K8sObject } from "../gitops/kustomize";

export const DEPLOY_DIR = path.resolve("deploy");
export const KUSTOMIZE_DIR = path.join(DEPLOY_DIR, "kubernetes");
export const OVERLAYS = ["minimal", "production"] as const;
export const CHART_DIR = path.join(DEPLOY_DIR, "helm", "slipway");
export const SELF_APPLICATION = path.join(DEPLOY_DIR, "argocd", "slipway-application.yaml");

export const renderBase = () => runKustomize(path.join(KUSTOMIZE_DIR, "base"));
export const renderOverlay = (name: string) => runKustomize(path.join(KUSTOMIZE_DIR, "overlays", name));
export const readManifestFile = (file: string) => parseManifests(readFileSync(file, "utf8"));

// Labels Helm adds to say who installed an object; the kustomize base has no installer to name.
const INSTALLER_LABELS = ["app.kubernetes.io/managed-by", "app.kubernetes.io/instance", "helm.sh/chart"];

/** Objects keyed by kind/namespace/name, without the installer labels, for comparing two renders. */
export function normalise(objects: K8sObject[]): Record<string, K8sObject> {
  const out: Record<string, K8sObject> = {};
  for (const obj of objects) {
    const copy = structuredClone(obj);
    for (const label of INSTALLER_LABELS) delete copy.metadata.labels?.[label];
    const key = `${copy.apiVersion}/${copy.kind}/${copy.metadata.namespace ?? "-"}/${copy.metadata.name}`;
    if (out[key]) throw new Error(`${key} rendered twice`);
    out[key] = copy;
  }
  return out;
}
