import { parse } from "yaml";
import { clusterObjectKinds, InvalidManifestError } from "./cluster-port";

const dnsName = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** Both adapters accept the same manifests: one of clusterObjectKinds, named with a DNS-1123 name. */
export function parseObjectManifest(manifest: string): Record<string, unknown> & { metadata: Record<string, unknown> } {
  let doc: unknown;
  try {
    doc = parse(manifest);
  } catch (error) {
    throw new InvalidManifestError(`Manifest is not valid YAML: ${(error as Error).message}`);
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc))
    throw new InvalidManifestError("Manifest is not an object");
  const object = doc as Record<string, unknown> & { metadata?: Record<string, unknown> };
  if (!clusterObjectKinds.includes(object.kind as (typeof clusterObjectKinds)[number]))
    throw new InvalidManifestError(`Kind ${String(object.kind)} is not one of ${clusterObjectKinds.join(", ")}`);
  if (typeof object.apiVersion !== "string") throw new InvalidManifestError("Manifest has no apiVersion");
  const name = object.metadata?.name;
  if (typeof name !== "string" || !(dnsName.test(name) && !name.includes("..")))
    throw new InvalidManifestError(`Manifest name ${String(name)} is not a DNS-1123 name`);
  return { ...object, metadata: object.metadata! };
}
