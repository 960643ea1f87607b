import { parseAllDocuments } from "yaml";
import { AppError } from "@/lib/errors";
import type { ClusterPolicy, K8sObject } from "./types";

/** One ClusterPolicy from YAML; a 422 naming what is wrong otherwise. */
export function parsePolicy(text: string, field = "policy"): ClusterPolicy {
  const docs = parseAllDocuments(text);
  const values = docs
    .map((d) => {
      if (d.errors.length > 0) throw new AppError("validation", "Not valid YAML", { [field]: [d.errors[0]!.message] });
      return d.toJS() as unknown;
    })
    .filter((v) => v !== null && v !== undefined);
  if (values.length !== 1)
    throw new AppError("validation", "One ClusterPolicy per file", {
      [field]: [`Found ${values.length} documents; upload one ClusterPolicy`],
    });
  const doc = values[0] as Partial<ClusterPolicy>;
  const problems: string[] = [];
  if (doc.kind !== "ClusterPolicy") problems.push(`kind is ${String(doc.kind)}; Slipway reads kind: ClusterPolicy`);
  if (typeof doc.apiVersion !== "string" || !doc.apiVersion.startsWith("kyverno.io/"))
    problems.push("apiVersion must be kyverno.io/v1");
  const name = doc.metadata?.name;
  if (typeof name !== "string" || !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name))
    problems.push("metadata.name must be a DNS label (lowercase letters, digits, dashes)");
  const rules = doc.spec?.rules;
  if (!Array.isArray(rules) || rules.length === 0) problems.push("spec.rules must list at least one rule");
  else if (rules.some((r) => typeof r?.name !== "string" || !r.name)) problems.push("every rule needs a name");
  if (problems.length > 0)
    throw new AppError("validation", "Not a ClusterPolicy Slipway can read", { [field]: problems });
  return doc as ClusterPolicy;
}

/** The objects of a multi-document YAML stream (kustomize build output). */
export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`invalid YAML in the rendered manifests: ${doc.errors[0]!.message}`);
    const value = doc.toJS() as K8sObject | null;
    return value && typeof value === "object" ? [value] : [];
  });
}
