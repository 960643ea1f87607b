import { call } from "./db";
import { entitiesRoute } from "./routes";

/**
 * Team `payments` and environments dev → staging → prod (prod is production), as the GitOps tests
 * need them. Replica bounds: 1..10, except prod's minimum (`prodMinReplicas`, default 2).
 */
export async function seedTeamAndEnvironments(prodMinReplicas = 2): Promise<void> {
  await call(entitiesRoute.POST, {
    params: { blueprint: "team" },
    body: { identifier: "payments", properties: { oidc_group: "team-payments" } },
  });
  for (const [i, env] of ["dev", "staging", "prod"].entries()) {
    const production = env === "prod";
    await call(entitiesRoute.POST, {
      params: { blueprint: "environment" },
      body: {
        identifier: env,
        properties: { order: i, production, min_replicas: production ? prodMinReplicas : 1, max_replicas: 10 },
      },
    });
  }
}
