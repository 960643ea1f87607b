import type { K8sObject } from "./kustomize";

// Loose views of the rendered objects: the schema check has already vouched for their shape.
export type Container = {
  name: string;
  image: string;
  env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  securityContext: Record<string, unknown>;
  livenessProbe?: { httpGet: { port: number } };
  readinessProbe?: { httpGet: { port: number } };
};
export type PodSpec = { securityContext: Record<string, unknown>; containers: Container[]; serviceAccountName: string };

type Workload = K8sObject & {
  spec: {
    replicas?: number;
    template?: { spec: PodSpec };
    jobTemplate?: { spec: { parallelism: number; template: { spec: PodSpec } } };
  };
};

export function findAll(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((o) => o.kind === kind);
}

export function findOne(objects: K8sObject[], kind: string): K8sObject {
  const found = findAll(objects, kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0] as K8sObject;
}

/** The Deployment or CronJob, with its pod spec and replica count in one place. */
export function findWorkload(objects: K8sObject[]): { kind: string; replicas: number | undefined; pod: PodSpec } {
  const workloads = objects.filter((o) => o.kind === "Deployment" || o.kind === "CronJob") as Workload[];
  if (workloads.length !== 1) throw new Error(`expected one workload, found ${workloads.length}`);
  const w = workloads[0] as Workload;
  if (w.kind === "Deployment")
    return { kind: w.kind, replicas: w.spec.replicas, pod: w.spec.template?.spec as PodSpec };
  return {
    kind: w.kind,
    replicas: w.spec.jobTemplate?.spec.parallelism,
    pod: w.spec.jobTemplate?.spec.template.spec as PodSpec,
  };
}

export function secretRefs(container: Container): Record<string, string> {
  const refs: Record<string, string> = {};
  for (const e of container.env ?? []) {
    if (e.valueFrom?.secretKeyRef) refs[e.name] = `${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}`;
  }
  return refs;
}
