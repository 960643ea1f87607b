import { KubernetesObjectApi, PatchStrategy, type KubernetesObject } from "@kubernetes/client-node";
import {
  ClusterConflictError,
  InvalidManifestError,
  type ClusterPort,
  type ListElement,
} from "@/lib/cluster/cluster-port";
import { parseObjectManifest } from "@/lib/cluster/object-manifest";
import { callKube, fieldManager, type KubeClients, KubernetesApiError } from "./kube-client";
import { sleep } from "@/lib/sleep";

// Namespaces, Paas resources and ApplicationSet list elements on a real API server. Objects go
// through the generic object API (server-side apply as field manager "slipway"); list elements are a
// read-modify-replace of the ApplicationSet pinned to the resourceVersion read, retried on 409.

type ObjectPort = Pick<
  ClusterPort,
  "applyObject" | "getObject" | "deleteObject" | "upsertListElement" | "removeListElement" | "listListElements"
>;

const applicationSetsApi = { group: "argoproj.io", version: "v1alpha1", plural: "applicationsets" } as const;
const replaceRetries = 5;

type ApplicationSet = {
  metadata?: { resourceVersion?: string };
  spec?: { generators?: { list?: { elements?: ListElement[] } }[] };
};

export function createKubernetesObjects(clients: KubeClients): ObjectPort {
  const objects = KubernetesObjectApi.makeApiClient(clients.config);
  const isNotFound = (error: unknown) => error instanceof KubernetesApiError && error.status === 404;

  async function editElements(appSet: string, edit: (elements: ListElement[]) => ListElement[] | null) {
    for (let attempt = 0; ; attempt++) {
      const current = (await callKube(`read of ApplicationSet ${appSet}`, () =>
        clients.custom.getNamespacedCustomObject({ ...applicationSetsApi, namespace: clients.namespace, name: appSet }),
      )) as ApplicationSet;
      const generator = current.spec?.generators?.find((g) => g.list);
      if (!generator?.list) throw new InvalidManifestError(`ApplicationSet ${appSet} has no list generator`);
      const next = edit(generator.list.elements ?? []);
      if (!next) return;
      generator.list.elements = next;
      try {
        await callKube(`update of ApplicationSet ${appSet}`, () =>
          clients.custom.replaceNamespacedCustomObject({
            ...applicationSetsApi,
            namespace: clients.namespace,
            name: appSet,
            body: current,
            fieldManager,
          }),
        );
        return;
      } catch (error) {
        if (!(error instanceof KubernetesApiError) || error.status !== 409) throw error;
        if (attempt >= replaceRetries)
          throw new ClusterConflictError(appSet, "ResourceVersionConflict", `ApplicationSet ${appSet} kept changing`);
        await sleep(50 * 2 ** attempt);
      }
    }
  }

  return {
    async applyObject(manifest) {
      const object = parseObjectManifest(manifest) as KubernetesObject;
      const applied = await callKube(`apply of ${object.kind} ${object.metadata?.name}`, () =>
        objects.patch(object, undefined, undefined, fieldManager, true, PatchStrategy.ServerSideApply),
      );
      return {
        apiVersion: applied.apiVersion ?? object.apiVersion!,
        kind: applied.kind ?? object.kind!,
        name: applied.metadata?.name ?? object.metadata!.name!,
        ...(applied.metadata?.namespace ? { namespace: applied.metadata.namespace } : {}),
      };
    },
    async getObject(ref) {
      try {
        const header = {
          apiVersion: ref.apiVersion,
          kind: ref.kind,
          metadata: { name: ref.name, namespace: ref.namespace },
        };
        return (await callKube(`read of ${ref.kind} ${ref.name}`, () => objects.read(header))) as Record<
          string,
          unknown
        >;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async deleteObject(ref) {
      try {
        const header = {
          apiVersion: ref.apiVersion,
          kind: ref.kind,
          metadata: { name: ref.name, namespace: ref.namespace },
        };
        await callKube(`delete of ${ref.kind} ${ref.name}`, () => objects.delete(header));
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
    upsertListElement: (appSet, key, element) =>
      editElements(appSet, (elements) => {
        const same = elements.find((e) => e[key] === element[key]);
        if (same && JSON.stringify(same) === JSON.stringify(element)) return null;
        return [...elements.filter((e) => e[key] !== element[key]), element];
      }),
    removeListElement: (appSet, key, value) =>
      editElements(appSet, (elements) =>
        elements.some((e) => e[key] === value) ? elements.filter((e) => e[key] !== value) : null,
      ),
    async listListElements(appSet) {
      const current = (await callKube(`read of ApplicationSet ${appSet}`, () =>
        clients.custom.getNamespacedCustomObject({ ...applicationSetsApi, namespace: clients.namespace, name: appSet }),
      )) as ApplicationSet;
      return current.spec?.generators?.find((g) => g.list)?.list?.elements ?? [];
    },
  };
}
