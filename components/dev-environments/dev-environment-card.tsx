import { When } from "@/components/ui/when";
import { Card } from "@/components/ui/page-header";
import { StatusChip } from "@/components/ui/status-chip";
import type { ClusterPort } from "@/lib/cluster/cluster-port";
import { getDevApplicationName, readDevServices } from "@/lib/dev-environments/names";
import { describeExpiry } from "@/lib/dev-environments/ttl";

const text = (v: unknown) => (typeof v === "string" ? v : null);

/** URL, owner, expiry and each service's status as ArgoCD reports it. */
export async function DevEnvironmentCard({
  identifier,
  properties,
  cluster,
}: {
  identifier: string;
  properties: Record<string, unknown>;
  cluster: ClusterPort;
}) {
  const services = readDevServices(properties);
  const statuses = await Promise.all(
    services.map(async (s) => ({
      service: s,
      app: await cluster.getApplication(getDevApplicationName(identifier, s.name)).catch(() => null),
    })),
  );
  const url = text(properties.url);
  const expiresAt = text(properties.expires_at);
  return (
    <Card title="Dev environment" className="lg:col-span-2">
      <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[8rem_1fr]" data-testid="dev-environment">
        <dt className="text-slate-500">URL</dt>
        <dd className="break-all">
          {url ? (
            <a className="text-indigo-700 hover:underline" href={url} data-testid="dev-url">
              {url}
            </a>
          ) : (
            "—"
          )}
        </dd>
        <dt className="text-slate-500">Owner</dt>
        <dd className="break-all">{text(properties.owner) ?? "—"}</dd>
        <dt className="text-slate-500">Expires</dt>
        <dd data-testid="dev-expiry">
          {expiresAt ? (
            <>
              <When at={expiresAt} />
              <span className="text-slate-500"> ({describeExpiry(expiresAt)})</span>
            </>
          ) : (
            "—"
          )}
        </dd>
        {text(properties.pull_request) ? (
          <>
            <dt className="text-slate-500">Pull request</dt>
            <dd className="break-all">
              <a className="text-indigo-700 hover:underline" href={text(properties.pull_request)!}>
                {text(properties.pull_request)}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      <h3 className="mb-2 mt-4 text-sm font-medium text-slate-700">Services</h3>
      <ul className="space-y-2 text-sm" data-testid="dev-services">
        {statuses.map(({ service, app }) => (
          <li key={service.name} className="flex flex-wrap items-center gap-2" data-service={service.name}>
            <span className="font-medium">{service.name}</span>
            <span className="min-w-0 break-all text-slate-500">
              {service.image ?? `branch ${service.branch ?? text(properties.branch) ?? "main"}`}
            </span>
            <StatusChip status={app?.health ?? "Missing"} label={app?.health ?? "Missing"} />
            <span className="text-xs text-slate-500">{app?.sync ?? "Unknown"}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
