import { parseAllDocuments } from "yaml";
import { InvalidManifestError } from "@/lib/cluster/cluster-port";
import {
  callKube,
  fieldManager,
  gitRepositoriesApi,
  type KubeClients,
  kustomizationsApi,
  serverSideApply,
} from "./kube-client";

type Manifest = Record<string, unknown> & { metadata: Record<string, unknown> };

const kinds = [
  { kind: "GitRepository", apiVersion: "source.toolkit.fluxcd.io/v1", api: gitRepositoriesApi },
  { kind: "Kustomization", apiVersion: "kustomize.toolkit.fluxcd.io/v1", api: kustomizationsApi },
] as const;

/** The delivery's two objects, checked: the Flux kinds and versions, named `name`, in `namespace`. */
export function parseDeliveryManifest(name: string, manifest: string, namespace: string) {
  const docs = parseAllDocuments(manifest);
  if (!Array.isArray(docs)) throw new InvalidManifestError(`Flux manifest for ${name} is empty`);
  const bad = docs.find((d) => d.errors.length > 0);
  if (bad) throw new InvalidManifestError(`Flux manifest for ${name} is not valid YAML: ${bad.errors[0]!.message}`);
  const objects = docs.map((d) => d.toJS() as unknown).filter((o) => o !== null) as Manifest[];
  return kinds.map(({ kind, apiVersion, api }) => {
    const object = objects.find((o) => o && typeof o === "object" && o.kind === kind);
    if (!object) throw new InvalidManifestError(`Flux manifest for ${name} has no ${kind}`);
    if (object.apiVersion !== apiVersion) throw new InvalidManifestError(`${kind} ${name} must be ${apiVersion}`);
    const metadata = (object.metadata ?? {}) as Record<string, unknown>;
    if (metadata.name !== name)
      throw new InvalidManifestError(`Manifest names ${kind} ${String(metadata.name)}, expected ${name}`);
    if (metadata.namespace !== undefined && metadata.namespace !== namespace)
      throw new InvalidManifestError(
        `${kind} ${name} is for namespace ${String(metadata.namespace)}, Flux runs in ${namespace}`,
      );
    return { kind, api, body: { ...object, metadata: { ...metadata, namespace } } };
  });
}

/**
 * Server-side apply of the GitRepository, then the Kustomization, as field manager "slipway" with
 * force: unlike Applications nobody edits these by hand in a UI, git is their only source.
 */
export async function applyDeliveryManifest(
  clients: KubeClients,
  namespace: string,
  name: string,
  manifest: string,
): Promise<{ name: string; recorded: string }> {
  let recorded = "";
  for (const { kind, api, body } of parseDeliveryManifest(name, manifest, namespace)) {
    const applied = (await callKube(`apply of ${kind} ${name}`, () =>
      clients.custom.patchNamespacedCustomObject(
        { ...api, namespace, name, body, fieldManager, force: true },
        serverSideApply(),
      ),
    )) as { metadata?: { resourceVersion?: string } };
    recorded = `${api.plural}.${api.group}/${namespace}/${name}@${applied.metadata?.resourceVersion ?? "?"}`;
  }
  return { name, recorded };
}
