import { parse } from "yaml";
import { ClusterConflictError, InvalidManifestError } from "@/lib/cluster/cluster-port";
import {
  applicationsApi,
  type ClusterLog,
  fieldManager,
  type KubeClients,
  KubernetesApiError,
  readKubeStatus,
  serverSideApply,
} from "./kube-client";
import { sleep } from "@/lib/sleep";

export type ApplyOptions = {
  /** Take fields back from other managers (the default: git is the source of truth); false fails with ClusterConflictError. */
  forceConflicts: boolean;
  log: ClusterLog;
};

type Manifest = Record<string, unknown> & { metadata: Record<string, unknown> };

/** Transient 409s (a concurrent create or update racing ours) are retried this many times. */
const conflictRetries = 3;

export function parseApplicationManifest(name: string, manifest: string, namespace: string): Manifest {
  let doc: unknown;
  try {
    doc = parse(manifest);
  } catch (error) {
    throw new InvalidManifestError(`Application manifest for ${name} is not valid YAML: ${(error as Error).message}`);
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc))
    throw new InvalidManifestError(`Application manifest for ${name} is not an object`);
  const object = doc as Manifest;
  if (object.apiVersion !== "argoproj.io/v1alpha1" || object.kind !== "Application")
    throw new InvalidManifestError(`Manifest for ${name} is not an argoproj.io/v1alpha1 Application`);
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  if (metadata.name !== name)
    throw new InvalidManifestError(`Manifest names Application ${String(metadata.name)}, expected ${name}`);
  if (metadata.namespace !== undefined && metadata.namespace !== namespace)
    throw new InvalidManifestError(
      `Application ${name} is for namespace ${String(metadata.namespace)}, ArgoCD watches ${namespace}`,
    );
  return { ...object, metadata: { ...metadata, namespace } };
}

/**
 * Server-side apply as field manager "slipway". The first attempt does not force, so drift (another
 * manager changed a field Slipway sets, e.g. a hand edit in the ArgoCD UI) is seen and reported
 * before Slipway takes the field back with force. A 409 without field conflicts is an optimistic
 * concurrency race and is retried; it is final only when the manifest itself pins a resourceVersion.
 */
export async function applyApplicationManifest(
  clients: KubeClients,
  name: string,
  manifest: string,
  opts: ApplyOptions,
): Promise<{ name: string; recorded: string }> {
  const body = parseApplicationManifest(name, manifest, clients.namespace);
  const pinned = body.metadata.resourceVersion !== undefined;
  let force = false;
  for (let attempt = 0; ; attempt++) {
    try {
      const applied = (await clients.custom.patchNamespacedCustomObject(
        { ...applicationsApi, namespace: clients.namespace, name, body, fieldManager, force },
        serverSideApply(),
      )) as { metadata?: { resourceVersion?: string } };
      return {
        name,
        recorded: `applications.argoproj.io/${clients.namespace}/${name}@${applied.metadata?.resourceVersion ?? "?"}`,
      };
    } catch (error) {
      const status = readKubeStatus(error);
      if (!status) throw error;
      if (status.code !== 409) throw new KubernetesApiError(`apply of Application ${name}`, status);
      const fields = status.causes.filter((c) => c.type === "FieldManagerConflict");
      if (fields.length > 0) {
        const causes = fields.map((c) => ({
          manager: /"([^"]+)"/.exec(c.message ?? "")?.[1],
          field: c.field,
          message: c.message ?? "",
        }));
        if (!opts.forceConflicts || force)
          throw new ClusterConflictError(
            name,
            "FieldManagerConflict",
            `Application ${name}: ${status.message}`,
            causes,
          );
        opts.log.warn("Application drifted: taking fields back from other field managers", {
          application: name,
          conflicts: causes,
        });
        force = true;
        continue;
      }
      if (pinned || attempt >= conflictRetries)
        throw new ClusterConflictError(name, "ResourceVersionConflict", `Application ${name}: ${status.message}`);
      await sleep(50 * 2 ** attempt);
    }
  }
}
