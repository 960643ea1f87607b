import { Card } from "@/components/ui/page-header";
import { capabilityLinks, paasCapabilities, planPaas, type PaasSpec, type Quota } from "@/lib/paas/paas-plan";

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const text = (v: unknown) => (typeof v === "string" ? v : undefined);

/** The Paas entity's properties as the spec the operator reads. */
export function paasSpecOf(identifier: string, properties: Record<string, unknown>): PaasSpec {
  const caps = strings(properties.capabilities).filter((c) => (paasCapabilities as readonly string[]).includes(c));
  const quota: Quota = {};
  if (text(properties.cpu_quota)) quota["limits.cpu"] = text(properties.cpu_quota);
  if (text(properties.memory_quota)) quota["limits.memory"] = text(properties.memory_quota);
  if (text(properties.storage_quota)) quota["requests.storage"] = text(properties.storage_quota);
  return {
    name: identifier,
    capabilities: Object.fromEntries(caps.map((c) => [c, {}])),
    namespaces: strings(properties.namespaces),
    quota,
  };
}

const describeQuota = (q: Quota) =>
  Object.entries(q)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ") || "operator default";

/** What the Paas operator creates for this Paas: namespaces, ClusterResourceQuotas, capability links. */
export function PaasPlanCard({ spec, domain }: { spec: PaasSpec; domain: string }) {
  const plan = planPaas(spec);
  const links = capabilityLinks(spec, domain);
  return (
    <>
      <Card title={`Namespaces (${plan.namespaces.length})`} className="lg:col-span-2">
        <ul className="divide-y divide-slate-100 text-sm" data-testid="paas-namespaces">
          {plan.namespaces.map((n) => (
            <li key={n.name} className="flex flex-wrap items-baseline justify-between gap-x-4 py-1.5">
              <code className="break-all font-medium" data-namespace={n.name}>
                {n.name}
              </code>
              <span className="text-slate-500">
                {n.capability ? `${n.capability} capability · ` : ""}quota {n.quota}
              </span>
            </li>
          ))}
        </ul>
      </Card>
      <Card title={`Quotas (${plan.quotas.length})`}>
        <ul className="space-y-2 text-sm" data-testid="paas-quotas">
          {plan.quotas.map((q) => (
            <li key={q.name} data-quota={q.name}>
              <code className="break-all font-medium">{q.name}</code>
              <span className="block text-slate-500">{describeQuota(q.hard)}</span>
              <span className="block break-words text-xs text-slate-500">for {q.namespaces.join(", ")}</span>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Capabilities">
        {links.length === 0 ? (
          <p className="text-sm text-slate-500">No capabilities enabled.</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="paas-capabilities">
            {links.map((l) => (
              <li key={l.capability}>
                <span className="inline-block w-20 font-medium">{l.capability}</span>
                <a className="break-all text-indigo-700 hover:underline" href={l.url}>
                  {l.url}
                </a>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
