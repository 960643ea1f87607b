// What the Paas operator creates for a Paas (opr-paas naming): the main namespace `<paas>`, one
// namespace per enabled capability `<paas>-<capability>`, one per extra namespace
// `<paas>-<namespace>`; ClusterResourceQuota `<paas>` is shared by the main and extra namespaces,
// each capability namespace has its own quota named like it. Pure and client-safe.

export const paasCapabilities = ["argocd", "forgejo", "grafana", "harbor", "tekton", "vault"] as const;
export type PaasCapability = (typeof paasCapabilities)[number];

export const quotaKeys = ["limits.cpu", "limits.memory", "requests.storage"] as const;
export type QuotaKey = (typeof quotaKeys)[number];
export type Quota = Partial<Record<QuotaKey, string>>;

export type CapabilitySettings = {
  /** Own quota of the capability namespace; the operator's default when empty. */
  quota?: Quota;
  /** argocd only: the repository the Paas's ArgoCD reads its configuration from. */
  gitUrl?: string;
  gitRevision?: string;
  gitPath?: string;
};

export type PaasSpec = {
  name: string;
  capabilities: Partial<Record<PaasCapability, CapabilitySettings>>;
  namespaces: string[];
  quota: Quota;
};

export type PlannedNamespace = { name: string; quota: string; capability: PaasCapability | null };
export type PlannedQuota = { name: string; namespaces: string[]; hard: Quota };
export type PaasPlan = { namespaces: PlannedNamespace[]; quotas: PlannedQuota[] };

/** Quota the operator gives a capability namespace when the Paas names none (opr-paas's defaults). */
export const defaultCapabilityQuota: Quota = { "limits.cpu": "1", "limits.memory": "1Gi", "requests.storage": "0" };

export const enabledCapabilities = (spec: Pick<PaasSpec, "capabilities">): PaasCapability[] =>
  paasCapabilities.filter((c) => spec.capabilities[c] !== undefined);

export function planPaas(spec: PaasSpec): PaasPlan {
  const caps = enabledCapabilities(spec);
  const shared = [spec.name, ...spec.namespaces.map((n) => `${spec.name}-${n}`)];
  const namespaces: PlannedNamespace[] = [
    { name: spec.name, quota: spec.name, capability: null },
    ...caps.map((c) => ({ name: `${spec.name}-${c}`, quota: `${spec.name}-${c}`, capability: c })),
    ...spec.namespaces.map((n) => ({ name: `${spec.name}-${n}`, quota: spec.name, capability: null })),
  ];
  const quotas: PlannedQuota[] = [
    { name: spec.name, namespaces: shared, hard: spec.quota },
    ...caps.map((c) => ({
      name: `${spec.name}-${c}`,
      namespaces: [`${spec.name}-${c}`],
      hard: spec.capabilities[c]?.quota ?? defaultCapabilityQuota,
    })),
  ];
  return { namespaces, quotas };
}

/** Where each capability of the Paas is reached (its namespace's service under the apps domain). */
export function capabilityLinks(spec: Pick<PaasSpec, "name" | "capabilities">, domain: string) {
  return enabledCapabilities(spec).map((c) => ({ capability: c, url: `https://${c}.${spec.name}.${domain}` }));
}
