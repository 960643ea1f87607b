import { TeamHub } from "@/components/catalog/team-hub";
import { listServiceOverview } from "@/lib/catalog/overview";
import { listTeamMembersSeen } from "@/lib/catalog/team-hub";
import { listOpenTeamRuns, listTeamRunsAwaitingApproval } from "@/lib/runs/team-runs";

const TEAM_SERVICE_LIMIT = 100;

/** The team page: its services, who of it signed in, its open runs and the approvals it waits for. */
export async function TeamSections({ team, oidcGroup }: { team: string; oidcGroup: unknown }) {
  const [services, members, openRuns, awaitingApproval] = await Promise.all([
    listServiceOverview({ team, limit: TEAM_SERVICE_LIMIT }),
    listTeamMembersSeen(typeof oidcGroup === "string" && oidcGroup !== "" ? oidcGroup : null),
    listOpenTeamRuns(team),
    listTeamRunsAwaitingApproval(team),
  ]);
  return (
    <TeamHub
      team={team}
      services={services.items}
      members={members}
      openRuns={openRuns}
      awaitingApproval={awaitingApproval}
    />
  );
}
