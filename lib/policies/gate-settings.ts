import type { CatalogPort } from "@/lib/catalog/catalog-port";

// An environment's gates, from its catalog properties: `policy_gates` (default: production
// environments), `namespace_labels` (what Kyverno's namespaceSelectors see there), `soak_minutes`
// (how long a version must have been Healthy in the previous environment) and `health_check_url`
// (GET must answer 2xx before promoting here; `{service}` is replaced by the service's name).

export type GateSettings = {
  environment: string;
  policyGates: boolean;
  namespaceLabels: Record<string, string>;
  soakMinutes: number;
  healthCheckUrl: string | null;
};

export async function readGateSettings(catalog: CatalogPort, environment: string): Promise<GateSettings> {
  const entity = await catalog.findEntity("environment", environment);
  const p = entity?.properties ?? {};
  const production = p.production === true || environment === "prod" || environment === "production";
  const labels =
    p.namespace_labels && typeof p.namespace_labels === "object" && !Array.isArray(p.namespace_labels)
      ? Object.fromEntries(
          Object.entries(p.namespace_labels as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
        )
      : {};
  return {
    environment,
    policyGates: typeof p.policy_gates === "boolean" ? p.policy_gates : production,
    namespaceLabels: labels,
    soakMinutes: typeof p.soak_minutes === "number" && p.soak_minutes > 0 ? p.soak_minutes : 0,
    healthCheckUrl: typeof p.health_check_url === "string" && p.health_check_url ? p.health_check_url : null,
  };
}
