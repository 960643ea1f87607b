import { and, eq, inArray } from "drizzle-orm";
import { runs } from "@/db/schema";
import { newestFirst, selectRuns, toRun } from "./run-store";
import type { Run, RunStatus } from "./types";

const OPEN: RunStatus[] = ["queued", "running", "waiting"];
const TEAM_RUNS_LIMIT = 20;

/** A team's runs in the given statuses, newest first (the team page's open runs and pending approvals). */
async function listTeamRunsIn(team: string, statuses: RunStatus[]): Promise<Run[]> {
  const rows = await selectRuns()
    .where(and(eq(runs.team, team), inArray(runs.status, statuses)))
    .orderBy(...newestFirst)
    .limit(TEAM_RUNS_LIMIT);
  return rows.map((r) => toRun(r as Parameters<typeof toRun>[0]));
}

export const listOpenTeamRuns = (team: string) => listTeamRunsIn(team, OPEN);
export const listTeamRunsAwaitingApproval = (team: string) => listTeamRunsIn(team, ["awaiting_approval"]);
