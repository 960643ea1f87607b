import Link from "next/link";
import { ActionButton } from "@/components/actions/action-button";
import { actionAccess } from "@/components/actions/action-access";
import { formatTime } from "@/components/runs/format";
import { Card } from "@/components/ui/page-header";
import { StatusChip } from "@/components/ui/status-chip";
import type { SessionUser } from "@/lib/auth/roles";
import type { EnvironmentState } from "@/lib/catalog/service-hub";
import type { ActionSummary } from "@/lib/runs/action-mirror";

// The day-2 actions offered on each environment, in the order people use them.
const HUB_ACTIONS = ["release", "promote", "rollback", "scale"] as const;
type HubAction = (typeof HUB_ACTIONS)[number];

const str = (v: unknown): string | null =>
  typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : null;

function replicasText(p: Record<string, unknown>): string {
  const want = str(p.replicas);
  const ready = str(p.ready_replicas);
  if (want === null) return "—";
  return ready === null ? want : `${ready} of ${want} ready`;
}

// Why an action does not apply to this environment, whoever asks (the server checks it again).
function stageReason(id: HubAction, index: number, states: EnvironmentState[]): string | null {
  const first = states[0]?.environment;
  const last = states.at(-1)?.environment;
  switch (id) {
    case "release":
      return index === 0 ? null : `Releases go to ${first}; promote from there`;
    case "promote":
      return index === states.length - 1 ? `${last} is the last environment` : null;
    case "rollback":
    case "scale":
      return null;
    default: {
      const unreachable: never = id;
      return unreachable;
    }
  }
}

export function EnvironmentCards({
  user,
  team,
  states,
  actions,
}: {
  user: SessionUser;
  team: string | null;
  states: EnvironmentState[];
  actions: ActionSummary[];
}) {
  const byId = new Map(actions.map((a) => [a.id, a]));
  return (
    <Card title="Environments" className="lg:col-span-2">
      {states.length === 0 ? (
        <p className="text-sm text-slate-500">Not deployed anywhere yet.</p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-3">
          {states.map((s, i) => {
            const p = s.properties;
            const buttons = HUB_ACTIONS.flatMap((id) => {
              const action = byId.get(id);
              if (!action) return [];
              const access = actionAccess(user, action, team);
              return [{ id, action, access, reason: access.allowed ? stageReason(id, i, states) : access.reason }];
            });
            // Said once under the buttons as well as on hover, so it reads on a phone too.
            const refused = [...new Set(buttons.flatMap((b) => (b.access.allowed ? [] : [b.access.reason])))];
            return (
              <li
                key={s.deployment}
                className="min-w-0 rounded-md border border-slate-200 p-3"
                data-testid={`deployment-${s.environment}`}
              >
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <Link
                    className="font-medium text-indigo-700 hover:underline"
                    href={`/catalog/deployment/${s.deployment}`}
                  >
                    {s.environment}
                  </Link>
                  <StatusChip status={str(p.status)} label={str(p.status) ?? "Unknown"} />
                </div>
                <dl className="mt-2 grid grid-cols-[6rem_minmax(0,1fr)] gap-y-1 text-sm">
                  <dt className="text-slate-500">Version</dt>
                  <dd data-testid="env-version">{str(p.version) ?? "no version"}</dd>
                  <dt className="text-slate-500">Sync</dt>
                  <dd>{str(p.sync_status) ?? "Unknown"}</dd>
                  <dt className="text-slate-500">Replicas</dt>
                  <dd data-testid="env-replicas">{replicasText(p)}</dd>
                  <dt className="text-slate-500">Deployed</dt>
                  <dd className="break-words" data-testid="env-last-deploy">
                    {s.lastDeploy ? (
                      <>
                        {formatTime(s.lastDeploy.at)} by {s.lastDeploy.actor ?? "unknown"}
                        {s.lastDeploy.runId ? (
                          <>
                            {" "}
                            (
                            <Link className="text-indigo-700 underline" href={`/runs/${s.lastDeploy.runId}`}>
                              run
                            </Link>
                            )
                          </>
                        ) : null}
                      </>
                    ) : (
                      formatTime(str(p.deployed_at))
                    )}
                  </dd>
                </dl>
                <div className="mt-3 flex flex-wrap gap-2">
                  {buttons.map((b) => (
                    <ActionButton
                      key={b.id}
                      label={b.action.title}
                      href={`/actions/${b.id}/new?entity=${encodeURIComponent(s.deployment)}`}
                      disabledReason={b.reason}
                      testId={`env-action-${b.id}`}
                    />
                  ))}
                </div>
                {refused.map((r) => (
                  <p key={r} className="mt-2 text-xs text-slate-500" data-testid="env-action-reason">
                    {r}.
                  </p>
                ))}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

// The facts compared across environments; a value differing from the previous environment stands out.
const COMPARED: { key: string; label: string }[] = [
  { key: "version", label: "Version" },
  { key: "status", label: "Health" },
  { key: "sync_status", label: "Sync" },
  { key: "replicas", label: "Replicas" },
  { key: "cpu_limit", label: "CPU limit" },
  { key: "memory_limit", label: "Memory limit" },
  { key: "promoted_from", label: "Promoted from" },
  { key: "change_ticket", label: "Change ticket" },
  { key: "revision", label: "Git revision" },
];

export function EnvironmentCompare({ states }: { states: EnvironmentState[] }) {
  if (states.length < 2) return null;
  // A fact no environment reports (limits before the first status) would be a row of dashes.
  const rows = COMPARED.filter(({ key }) => states.some((s) => str(s.properties[key]) !== null));
  return (
    <Card title="Environments side by side" className="lg:col-span-2">
      <div className="overflow-x-auto">
        <table className="w-full table-fixed text-left text-xs sm:text-sm" data-testid="env-compare">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="w-20 py-2 pr-2 sm:w-32" />
              {states.map((s) => (
                <th key={s.deployment} className="pr-2" scope="col">
                  {s.environment}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {rows.map(({ key, label }) => (
              <tr key={key} data-testid={`compare-${key}`}>
                <th scope="row" className="py-1.5 pr-2 font-normal text-slate-500">
                  {label}
                </th>
                {states.map((s, i) => {
                  const value = str(s.properties[key]);
                  const prev = i > 0 ? str(states[i - 1]!.properties[key]) : value;
                  const differs = i > 0 && value !== prev;
                  const shown = key === "revision" && value ? value.slice(0, 7) : (value ?? "—");
                  return (
                    <td
                      key={s.deployment}
                      title={value ?? undefined}
                      data-differs={differs ? "true" : undefined}
                      className={`break-words py-1.5 pr-2 ${differs ? "font-medium text-amber-700" : ""}`}
                    >
                      {shown}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-slate-500">Values that differ from the environment before are highlighted.</p>
    </Card>
  );
}
