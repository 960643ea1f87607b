import { DeployHistory } from "@/components/catalog/deploy-history";
import { EnvironmentCards, EnvironmentCompare } from "@/components/catalog/service-hub";
import type { SessionUser } from "@/lib/auth/roles";
import { listDeployHistory, listEnvironmentStates } from "@/lib/catalog/service-hub";
import { listActions } from "@/lib/runs/action-mirror";

/** The service page as the hub: each environment with its actions, the environments compared, the history. */
export async function ServiceSections({
  user,
  service,
  team,
  historyEnvironment,
}: {
  user: SessionUser;
  service: string;
  team: string | null;
  historyEnvironment: string | null;
}) {
  const [states, history, actions] = await Promise.all([
    listEnvironmentStates(service),
    listDeployHistory(service, { environment: historyEnvironment }),
    listActions({ blueprint: "deployment" }),
  ]);
  return (
    <>
      <EnvironmentCards user={user} team={team} states={states} actions={actions} />
      <EnvironmentCompare states={states} />
      <DeployHistory
        service={service}
        records={history}
        environments={states.map((s) => s.environment)}
        selected={historyEnvironment}
      />
    </>
  );
}
