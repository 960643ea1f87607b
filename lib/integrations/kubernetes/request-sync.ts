import { ApplicationNotFoundError, ClusterConflictError } from "@/lib/cluster/cluster-port";
import {
  applicationsApi,
  callKube,
  type KubeClients,
  KubernetesApiError,
  mergePatch,
  readKubeStatus,
} from "./kube-client";
import { sleep } from "@/lib/sleep";

type ApplicationForSync = {
  metadata: { resourceVersion: string };
  operation?: unknown;
  spec?: { source?: { targetRevision?: string } };
};

const conflictRetries = 5;

/**
 * What `argocd app sync` does server-side (argo-cd's SetAppOperation): refuse while an operation
 * runs, set `operation.sync` and clear the last operationState, guarded by the resourceVersion read
 * just before, and start over on 409 (ArgoCD's controller writes the same object all the time).
 */
export async function requestApplicationSync(
  clients: KubeClients,
  name: string,
  revision: string | undefined,
  initiator: string,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const current = await readForSync(clients, name);
    if (current.operation)
      throw new ClusterConflictError(
        name,
        "OperationInProgress",
        `Application ${name}: another operation is already in progress`,
      );
    // Like ArgoCD: without an explicit revision the sync goes to the source's targetRevision.
    const target = revision ?? current.spec?.source?.targetRevision;
    const body = {
      metadata: { resourceVersion: current.metadata.resourceVersion },
      operation: { initiatedBy: { username: initiator }, sync: target === undefined ? {} : { revision: target } },
      status: { operationState: null },
    };
    try {
      await clients.custom.patchNamespacedCustomObject(
        { ...applicationsApi, namespace: clients.namespace, name, body, fieldManager: initiator },
        mergePatch(),
      );
      return;
    } catch (error) {
      const status = readKubeStatus(error);
      if (!status) throw error;
      if (status.code === 404) throw new ApplicationNotFoundError(name);
      if (status.code !== 409) throw new KubernetesApiError(`sync request for Application ${name}`, status);
      if (attempt >= conflictRetries)
        throw new ClusterConflictError(name, "ResourceVersionConflict", `Application ${name}: ${status.message}`);
      await sleep(20 * 2 ** attempt);
    }
  }
}

async function readForSync(clients: KubeClients, name: string): Promise<ApplicationForSync> {
  try {
    return (await callKube(`read of Application ${name}`, () =>
      clients.custom.getNamespacedCustomObject({ ...applicationsApi, namespace: clients.namespace, name }),
    )) as ApplicationForSync;
  } catch (error) {
    if (error instanceof KubernetesApiError && error.status === 404) throw new ApplicationNotFoundError(name);
    throw error;
  }
}
