import Link from "next/link";
import { formatTime } from "@/components/runs/format";
import { TeamRunList } from "@/components/catalog/team-run-list";
import { Card } from "@/components/ui/page-header";
import { StatusChip } from "@/components/ui/status-chip";
import type { ServiceOverview } from "@/lib/catalog/overview";
import type { TeamMember } from "@/lib/catalog/team-hub";
import type { Run } from "@/lib/runs/types";

/** The team page's cards: its services with their environments, who signed in as a member, its runs. */
export function TeamHub({
  team,
  services,
  members,
  openRuns,
  awaitingApproval,
}: {
  team: string;
  services: ServiceOverview[];
  members: TeamMember[];
  openRuns: Run[];
  awaitingApproval: Run[];
}) {
  return (
    <>
      <Card title="Services" className="lg:col-span-2">
        {services.length === 0 ? (
          <p className="text-sm text-slate-500">Team {team} owns no services yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="team-services">
            {services.map((s) => (
              <li key={s.identifier} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                <Link className="font-medium text-indigo-700 hover:underline" href={`/catalog/service/${s.identifier}`}>
                  {s.title}
                </Link>
                {s.deployments.map((d) => (
                  <StatusChip key={d.identifier} status={d.status} label={`${d.environment} ${d.version ?? "—"}`} />
                ))}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Pending approvals">
        <TeamRunList runs={awaitingApproval} empty="Nothing of this team waits for approval." />
      </Card>
      <Card title="Open runs">
        <TeamRunList runs={openRuns} empty="No run of this team is queued or running." />
      </Card>
      <Card title="Members seen in sign-ins" className="lg:col-span-2">
        {members.length === 0 ? (
          <p className="text-sm text-slate-500">Nobody of this team has signed in yet.</p>
        ) : (
          <ul className="grid gap-2 text-sm sm:grid-cols-2" data-testid="team-members">
            {members.map((m) => (
              <li key={m.email} className="min-w-0 break-words">
                <span className="font-medium">{m.name}</span> <span className="text-slate-500">{m.email}</span>
                <span className="block text-xs text-slate-500">last signed in {formatTime(m.lastSignInAt)}</span>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-3 text-xs text-slate-500">
          Membership comes from the identity provider group; people appear here once they have signed in.
        </p>
      </Card>
    </>
  );
}
