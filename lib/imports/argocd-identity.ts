import type { AppStatus } from "@/lib/cluster/cluster-port";

// Which deployment, service and environment an ArgoCD Application stands for, in the order a platform
// team is most likely to have said so: Slipway's own annotation, the Kubernetes recommended labels,
// then the Application's name split by a configurable pattern.

export type ArgocdIdentity = { deployment: string; service: string; environment: string };

const ENV_LABELS = ["slipway.io/environment", "app.kubernetes.io/environment", "environment", "env"];

function firstOf(record: Record<string, string> | undefined, keys: string[]): string | undefined {
  for (const k of keys) if (record?.[k]) return record[k];
  return undefined;
}

/** The identity, or the reason none can be derived. */
export function identifyApplication(app: AppStatus, namePattern: string): ArgocdIdentity | { error: string } {
  // Every cluster's Application of a multi-cluster deployment names the one deployment by annotation.
  const annotated = (app.entity ?? app.annotations?.["slipway.io/entity"])?.replace(/^deployment\//, "");
  const byName = new RegExp(namePattern).exec(annotated ?? app.name)?.groups ?? {};
  const service =
    app.annotations?.["slipway.io/service"] ??
    firstOf(app.labels, ["app.kubernetes.io/part-of", "app.kubernetes.io/name"]) ??
    byName.service;
  const environment =
    app.annotations?.["slipway.io/environment"] ?? firstOf(app.labels, ENV_LABELS) ?? byName.environment;
  if (!service || !environment)
    return {
      error: `cannot tell service and environment of Application ${app.name}: set the slipway.io/entity annotation, the app.kubernetes.io/part-of and environment labels, or SLIPWAY_IMPORT_ARGOCD_NAME_PATTERN`,
    };
  return { deployment: annotated ?? `${service}-${environment}`, service, environment };
}
