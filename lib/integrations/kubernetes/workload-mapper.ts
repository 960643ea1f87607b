import type { V1Deployment } from "@kubernetes/client-node";
import type { WorkloadStatus } from "@/lib/cluster/cluster-port";

export function toWorkloadStatus(deployment: V1Deployment): WorkloadStatus {
  const status = deployment.status ?? {};
  return {
    name: deployment.metadata?.name ?? "",
    // The API defaults spec.replicas to 1; a missing value only shows up in hand-built objects.
    replicas: deployment.spec?.replicas ?? 1,
    readyReplicas: status.readyReplicas ?? 0,
    updatedReplicas: status.updatedReplicas ?? 0,
    conditions: (status.conditions ?? []).map((c) => ({
      type: c.type,
      status: c.status,
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.message ? { message: c.message } : {}),
    })),
    images: (deployment.spec?.template.spec?.containers ?? [])
      .map((c) => c.image ?? "")
      .filter((image) => image !== ""),
  };
}
