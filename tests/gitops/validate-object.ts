import { Application } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1";
import { Deployment } from "kubernetes-models/apps/v1";
import { CronJob } from "kubernetes-models/batch/v1";
import { Ingress, NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { ConfigMap, Service, ServiceAccount } from "kubernetes-models/v1";
import { z } from "zod";
import type { K8sObject } from "./kustomize";

type Model = { validate(): void };
type ModelClass = new (data: never) => Model;

// JSON Schemas from the Kubernetes OpenAPI spec and ArgoCD's CRD, compiled into kubernetes-models.
const models: Record<string, ModelClass> = {
  "v1/ConfigMap": ConfigMap,
  "v1/Service": Service,
  "v1/ServiceAccount": ServiceAccount,
  "apps/v1/Deployment": Deployment,
  "batch/v1/CronJob": CronJob,
  "networking.k8s.io/v1/Ingress": Ingress,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
  "argoproj.io/v1alpha1/Application": Application,
};

const label = z
  .string()
  .regex(/^[a-z]([-a-z0-9]*[a-z0-9])?$/)
  .max(63);
const pgIdentifier = z
  .string()
  .regex(/^[a-z_][a-z0-9_]*$/)
  .max(63);

/**
 * kubernetes-models ships no CloudNativePG model, so this zod schema stands in for the CRD: the
 * required fields (instances, storage size) and the bootstrap we rely on for the `-app` secret.
 * Strict, so a misspelt field fails here the way the CRD's structural schema would prune it.
 */
export const cnpgClusterSchema = z.strictObject({
  apiVersion: z.literal("postgresql.cnpg.io/v1"),
  kind: z.literal("Cluster"),
  metadata: z.strictObject({
    // CNPG names pods `<cluster>-<n>` and services `<cluster>-rw`: the name must stay a short label.
    name: label.max(50),
    namespace: label,
    labels: z.record(z.string(), z.string()).optional(),
  }),
  spec: z.strictObject({
    instances: z.number().int().min(1).max(10),
    storage: z.strictObject({ size: z.string().regex(/^[0-9]+(Mi|Gi|Ti)$/), storageClass: z.string().optional() }),
    bootstrap: z.strictObject({ initdb: z.strictObject({ database: pgIdentifier, owner: pgIdentifier }) }),
  }),
});

/** Schema problems of one object; an unknown kind is a problem too (the test must know every kind rendered). */
export function validateObject(obj: K8sObject): string[] {
  const key = `${obj.apiVersion}/${obj.kind}`;
  if (key === "postgresql.cnpg.io/v1/Cluster") {
    const result = cnpgClusterSchema.safeParse(obj);
    return result.success
      ? []
      : result.error.issues.map((i) => `${key} ${obj.metadata.name}: ${i.path.join(".")}: ${i.message}`);
  }
  const ModelClass = models[key];
  if (!ModelClass) return [`${key} ${obj.metadata?.name}: no schema known for this kind`];
  try {
    new ModelClass(obj as never).validate();
    return [];
  } catch (error) {
    return [`${key} ${obj.metadata.name}: ${(error as Error).message}`];
  }
}
