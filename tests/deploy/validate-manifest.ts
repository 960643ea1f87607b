import { Ajv, type ValidateFunction } from "ajv";
import type { K8sObject } from "../gitops/kustomize";
import type { CrdVersionSchema } from "./schema-sources";

// Schema validation of install manifests: Kubernetes kinds and ArgoCD Applications against the
// JSON Schemas compiled into kubernetes-models / @kubernetes-models/argo-cd (from the Kubernetes
// OpenAPI spec and ArgoCD's CRDs), CloudNativePG kinds against the CRD's own openAPIV3Schema.

type Model = { validate(): void };
type ModelClass = new (data: never) => Model;

async function modelFor(apiVersion: string, kind: string): Promise<ModelClass | null> {
  const pkg = apiVersion.startsWith("argoproj.io/") ? "@kubernetes-models/argo-cd" : "kubernetes-models";
  try {
    const mod = (await import(`${pkg}/${apiVersion}/${kind}`)) as Record<string, ModelClass>;
    return mod[kind] ?? null;
  } catch {
    return null;
  }
}

export type ManifestValidator = (obj: K8sObject) => Promise<string[]>;

/**
 * A validator for every kind the install renders; a kind it has no schema for is a problem, so a
 * new kind in the manifests cannot slip through unchecked.
 */
export function manifestValidator(crds: CrdVersionSchema[]): ManifestValidator {
  // CRD schemas carry x-kubernetes-* extensions and formats such as int32 that ajv does not know.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const crdValidators = new Map<string, ValidateFunction>(
    crds.map((c) => [`${c.group}/${c.version}/${c.kind}`, ajv.compile(closeObjects(c.schema))]),
  );
  return async (obj) => {
    const key = `${obj.apiVersion}/${obj.kind}`;
    const name = `${key} ${obj.metadata?.namespace ?? "-"}/${obj.metadata?.name}`;
    const crd = crdValidators.get(key);
    if (crd) {
      return crd(obj) ? [] : (crd.errors ?? []).map((e) => `${name}: ${e.instancePath || "/"} ${e.message}`);
    }
    const ModelClass = await modelFor(obj.apiVersion, obj.kind);
    if (!ModelClass) return [`${name}: no schema known for this kind`];
    try {
      new ModelClass(obj as never).validate();
      return [];
    } catch (error) {
      return [`${name}: ${(error as Error).message}`];
    }
  };
}

/**
 * An unknown field is an error, as with the API server's strict field validation (kubectl's
 * default): objects with declared properties admit no others unless the schema says so.
 */
export function closeObjects(schema: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (Array.isArray(value)) out[key] = value.map((v: unknown) => (isSchema(v) ? closeObjects(v) : v));
    else if (key === "properties" && isSchema(value))
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isSchema(v) ? closeObjects(v) : v]));
    else out[key] = isSchema(value) ? closeObjects(value) : value;
  }
  if (out.properties && out.additionalProperties === undefined && out["x-kubernetes-preserve-unknown-fields"] !== true)
    out.additionalProperties = false;
  return out;
}

function isSchema(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
