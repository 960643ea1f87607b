import { createEntity } from "@/lib/catalog/entities";

/** Team payments (cart, ledger) and checkout (web), each with dev/staging/prod deployments. */
export async function createDashboardCatalog(): Promise<void> {
  for (const team of ["payments", "checkout"])
    await createEntity("team", { identifier: team, title: team, properties: {}, relations: {} });
  for (const [order, env] of ["dev", "staging", "prod"].entries())
    await createEntity("environment", {
      identifier: env,
      title: env,
      properties: { order, production: env === "prod" },
      relations: {},
    });
  for (const [service, team] of [
    ["cart", "payments"],
    ["ledger", "payments"],
    ["web", "checkout"],
  ] as const) {
    await createEntity("service", {
      identifier: service,
      title: service,
      team,
      properties: { language: "go" },
      relations: {},
    });
    for (const env of ["dev", "staging", "prod"])
      await createEntity("deployment", {
        identifier: `${service}-${env}`,
        title: `${service} (${env})`,
        team,
        properties: {
          status: "Healthy",
          version: "1.0.0",
          replicas: env === "prod" ? 3 : 1,
          cpu_request: "250m",
          cpu_limit: "1",
          memory_request: "256Mi",
          memory_limit: "1Gi",
        },
        relations: { service, environment: env },
      });
  }
}
