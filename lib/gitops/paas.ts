import { enabledCapabilities, type PaasCapability, type PaasSpec } from "@/lib/paas/paas-plan";
import { toYamlFile } from "./yaml-file";

// The files a Paas becomes in the GitOps repository: the opr-paas `Paas` resource, and for each
// enabled capability the element the capability's ApplicationSet list generator gets for this Paas.

export const paasApiVersion = "cpet.belastingdienst.nl/v1alpha1";
export const getPaasDir = (name: string) => `paas/${name}`;
export const getPaasFile = (name: string) => `${getPaasDir(name)}/paas.yaml`;
export const getCapabilityElementFile = (name: string, capability: PaasCapability) =>
  `${getPaasDir(name)}/applicationsets/${capability}.yaml`;
/** The cluster-wide ApplicationSet of a capability, as opr-paas's installation names them. */
export const getCapabilityApplicationSet = (capability: PaasCapability) => `paas-${capability}`;

export type CapabilityElement = { paas: string; service: PaasCapability; namespace: string; requestor: string };

export function renderPaasResource(spec: PaasSpec, requestor: string) {
  const capabilities: Record<string, Record<string, unknown>> = {};
  for (const cap of enabledCapabilities(spec)) {
    const settings = spec.capabilities[cap] ?? {};
    capabilities[cap] = {
      enabled: true,
      ...(settings.gitUrl ? { gitUrl: settings.gitUrl } : {}),
      ...(settings.gitRevision ? { gitRevision: settings.gitRevision } : {}),
      ...(settings.gitPath ? { gitPath: settings.gitPath } : {}),
      ...(settings.quota && Object.keys(settings.quota).length > 0 ? { quota: settings.quota } : {}),
    };
  }
  return {
    apiVersion: paasApiVersion,
    kind: "Paas",
    metadata: { name: spec.name, labels: { "app.kubernetes.io/managed-by": "slipway" } },
    spec: { requestor, capabilities, namespaces: spec.namespaces, quota: spec.quota },
  };
}

export const renderCapabilityElement = (
  spec: Pick<PaasSpec, "name">,
  capability: PaasCapability,
  requestor: string,
): CapabilityElement => ({ paas: spec.name, service: capability, namespace: `${spec.name}-${capability}`, requestor });

/** Every file of the Paas, keyed by path (what paas-create and paas-update commit). */
export function renderPaasFiles(spec: PaasSpec, requestor: string): Record<string, string> {
  const header = "Managed by Slipway (paas actions); edit through the portal.";
  const files: Record<string, string> = {
    [getPaasFile(spec.name)]: toYamlFile(renderPaasResource(spec, requestor), header),
  };
  for (const cap of enabledCapabilities(spec))
    files[getCapabilityElementFile(spec.name, cap)] = toYamlFile(
      renderCapabilityElement(spec, cap, requestor),
      `List-generator element of ApplicationSet ${getCapabilityApplicationSet(cap)}. ${header}`,
    );
  return files;
}
