import type { AppStatus, WorkloadCondition, WorkloadStatus } from "@/lib/cluster/cluster-port";
import { createInitialStatus, type SimStatus, type SimWorkload, type StoredApplication } from "./state-types";

/** The status that belongs to this incarnation of the Application; a fresh one before the simulator's first look. */
export function currentStatus(app: StoredApplication, status: SimStatus | null): SimStatus {
  return status && status.uid === app.uid ? status : createInitialStatus(app.uid);
}

export function toAppStatus(app: StoredApplication, stored: SimStatus | null): AppStatus {
  const status = currentStatus(app, stored);
  return {
    name: app.name,
    namespace: app.namespace,
    health: status.health,
    healthMessage: status.healthMessage,
    sync: status.sync,
    revision: status.revision,
    operationPhase: status.operation?.phase ?? null,
    reconciledAt: status.reconciledAt,
    // Incarnation, spec generation and status version together: any change to either file changes it.
    resourceVersion: `${app.uid.slice(0, 8)}.${app.generation}.${status.version}`,
    entity: app.entity,
  };
}

/** Conditions as the Deployment controller would set them, so consumers can read them like a real cluster's. */
export function getWorkloadConditions(w: SimWorkload): WorkloadCondition[] {
  const available = w.readyReplicas >= w.replicas;
  const conditions: WorkloadCondition[] = [
    available
      ? {
          type: "Available",
          status: "True",
          reason: "MinimumReplicasAvailable",
          message: "Deployment has minimum availability.",
        }
      : {
          type: "Available",
          status: "False",
          reason: "MinimumReplicasUnavailable",
          message: "Deployment does not have minimum availability.",
        },
  ];
  if (w.degradedMessage)
    conditions.push({
      type: "Progressing",
      status: "False",
      reason: "ProgressDeadlineExceeded",
      message: w.degradedMessage,
    });
  else if (w.rollout)
    conditions.push({
      type: "Progressing",
      status: "True",
      reason: "ReplicaSetUpdated",
      message: `ReplicaSet of Deployment "${w.name}" is progressing.`,
    });
  else
    conditions.push({
      type: "Progressing",
      status: "True",
      reason: "NewReplicaSetAvailable",
      message: `ReplicaSet of Deployment "${w.name}" has successfully progressed.`,
    });
  return conditions;
}

export function toWorkloadStatus(w: SimWorkload): WorkloadStatus {
  return {
    name: w.name,
    replicas: w.replicas,
    readyReplicas: w.readyReplicas,
    updatedReplicas: w.updatedReplicas,
    conditions: getWorkloadConditions(w),
    images: w.containers.map((c) => c.image),
  };
}
