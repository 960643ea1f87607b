import { eq, sql } from "drizzle-orm";
import { entities } from "@/db/schema";
import { createBlueprint, findBlueprint, updateBlueprint } from "@/lib/catalog/blueprints";
import { builtinBlueprints } from "@/lib/catalog/builtins";
import { createEntity, updateEntity } from "@/lib/catalog/entities";
import { getDb } from "@/lib/db/client";
import { demoHistory } from "./demo-history";
import { insertHistory } from "./seed-history";

/**
 * Creates any missing built-in blueprint. Existing ones, possibly edited by admins, keep their
 * schema; only relations and properties a newer version added (service → paas, environment →
 * clusters, cluster credentials) are added, since actions and the UI read and write them.
 */
export async function ensureBuiltinBlueprints(): Promise<number> {
  let created = 0;
  for (const bp of builtinBlueprints) {
    const existing = await findBlueprint(bp.identifier);
    if (existing) {
      const missing = Object.entries(bp.relations ?? {}).filter(([name]) => !(name in existing.relations));
      if (missing.length > 0)
        await updateBlueprint(bp.identifier, { relations: { ...existing.relations, ...Object.fromEntries(missing) } });
      const props = (existing.schema.properties ?? {}) as Record<string, unknown>;
      const wanted = (bp.schema?.properties ?? {}) as Record<string, unknown>;
      const newProps = Object.entries(wanted).filter(([name]) => !(name in props));
      if (newProps.length > 0)
        await updateBlueprint(bp.identifier, {
          schema: { ...existing.schema, properties: { ...props, ...Object.fromEntries(newProps) } },
        });
      continue;
    }
    await createBlueprint(bp, { builtin: true });
    created++;
  }
  return created;
}

const teams = [
  { identifier: "payments", title: "Payments", slack: "#team-payments" },
  { identifier: "checkout", title: "Checkout", slack: "#team-checkout" },
  { identifier: "platform", title: "Platform", slack: "#team-platform" },
];

export type DemoService = [
  id: string,
  team: string,
  language: string,
  framework: string,
  template: string,
  extra?: Record<string, unknown>,
];
// Frameworks are the ones the golden-path templates scaffold (lib/gitops supportedFrameworks).
export const demoServices: DemoService[] = [
  ["payment-gateway", "payments", "java", "spring-boot", "api-service", { database: true, public: true }],
  ["ledger", "payments", "java", "spring-boot", "api-service", { database: true }],
  ["fraud-detector", "payments", "python", "fastapi", "microservice", { redis: true }],
  ["invoice-batch", "payments", "java", "spring-boot", "batch-job"],
  ["cart", "checkout", "node", "express", "api-service", { redis: true }],
  ["checkout-web", "checkout", "node", "express", "web-app", { public: true }],
  ["pricing", "checkout", "go", "net-http", "api-service"],
  ["promotions", "checkout", "node", "express", "microservice", { database: true }],
  ["auth-proxy", "platform", "go", "net-http", "microservice", { public: true }],
  ["notification-hub", "platform", "node", "express", "microservice", { redis: true }],
  ["audit-exporter", "platform", "python", "fastapi", "batch-job"],
  ["feature-flags", "platform", "go", "net-http", "api-service", { database: true }],
];

const dependsOn: Record<string, string[]> = {
  "checkout-web": ["cart", "pricing", "auth-proxy"],
  cart: ["pricing", "promotions"],
  "payment-gateway": ["ledger", "fraud-detector"],
  ledger: ["audit-exporter"],
};

// Deterministic pseudo-variety: prod lags staging lags dev, a few unhealthy or out-of-sync.
export function demoDeployment(i: number, env: "dev" | "staging" | "prod") {
  const minor = 3 + (i % 5);
  const patch = { dev: 4, staging: 3, prod: 1 }[env] + (i % 3);
  const version = `1.${minor}.${patch}`;
  const status = i === 2 && env === "staging" ? "Degraded" : i === 6 && env === "dev" ? "Progressing" : "Healthy";
  const sync = i === 9 && env === "prod" ? "OutOfSync" : "Synced";
  const replicas = env === "prod" ? 3 : env === "staging" ? 2 : 1;
  const deployedAt = new Date(Date.UTC(2026, 10, 1 + ((i * 3 + replicas) % 20), 9 + i, 15)).toISOString();
  return {
    status,
    sync_status: sync,
    version,
    revision: ((i + 7) * 2654435761).toString(16).padStart(8, "0").slice(0, 8),
    replicas,
    ready_replicas: status === "Healthy" ? replicas : Math.max(0, replicas - 1),
    deployed_at: deployedAt,
    last_sync: deployedAt,
    ...(status === "Degraded"
      ? { health_message: "Deployment has 1 unavailable replica: CrashLoopBackOff", degraded_at: deployedAt }
      : {}),
    ...resourcesOf(i, env),
    ...(env !== "dev" ? { promoted_from: env === "prod" ? "staging" : "dev" } : {}),
    ...(env === "prod" ? { change_ticket: `CHG-${1000 + i * 7}` } : {}),
  };
}

/** The sandbox cluster cannot pull an image whose tag contains `-broken`: a real, lasting degradation. */
export const brokenVersion = (version: string) => `${version}-broken`;

const prodClusters = [
  ["eu-central", "eu-central-1"],
  ["us-east", "us-east-1"],
] as const;

/** Each prod cluster's share of a demo deployment; an OutOfSync deployment is so on one cluster only. */
function demoClusterStates(d: ReturnType<typeof demoDeployment>) {
  return Object.fromEntries(
    prodClusters.map(([c], i) => [
      c,
      {
        status: d.status,
        sync_status: i === 0 ? "Synced" : d.sync_status,
        version: d.version,
        revision: d.revision,
      },
    ]),
  );
}

// Requests and limits per replica, by size class; prod asks for more.
export function resourcesOf(i: number, env: "dev" | "staging" | "prod") {
  const sizes: [string, string, string, string][] = [
    ["100m", "250m", "128Mi", "256Mi"],
    ["250m", "500m", "256Mi", "512Mi"],
    ["500m", "1", "512Mi", "1Gi"],
  ];
  const size = sizes[(i + (env === "prod" ? 1 : 0)) % 3]!;
  return { cpu_request: size[0], cpu_limit: size[1], memory_request: size[2], memory_limit: size[3] };
}

/**
 * Fills an empty catalog with teams, services, environments and deployments, and five weeks of
 * delivery history before `now` (runs, approvals, health changes, first commits; db/demo-history.ts).
 * Returns false if data exists.
 */
export async function seedDemoCatalog(now = new Date()): Promise<boolean> {
  const [{ count } = { count: 0 }] = await getDb()
    .select({ count: sql<number>`count(*)::int` })
    .from(entities)
    .where(eq(entities.blueprint, "service"));
  if (count > 0) return false;
  for (const t of teams) {
    await createEntity("team", {
      identifier: t.identifier,
      title: t.title,
      team: null,
      properties: { oidc_group: `team-${t.identifier}`, slack_channel: t.slack },
      relations: {},
    });
  }
  await createEntity("cluster", {
    identifier: "sandbox",
    title: "Sandbox cluster",
    properties: { provider: "kind", region: "local", api_url: "https://127.0.0.1:6443" },
    relations: {},
  });
  // Prod spreads over two regions: one Application per cluster, status aggregated.
  for (const [identifier, region] of prodClusters) {
    await createEntity("cluster", {
      identifier,
      title: `Production ${region}`,
      properties: {
        provider: "aws",
        region,
        api_url: `https://${identifier}.k8s.example.com:6443`,
        credentials_secret: `cluster-${identifier}`,
        labels: { compliance: "pci-dss" },
      },
      relations: {},
    });
  }
  const envs = ["dev", "staging", "prod"] as const;
  for (const [order, env] of envs.entries()) {
    await createEntity("environment", {
      identifier: env,
      title: env[0]!.toUpperCase() + env.slice(1),
      properties: {
        order,
        min_replicas: env === "prod" ? 2 : 1,
        max_replicas: env === "prod" ? 20 : 5,
        production: env === "prod",
      },
      relations: env === "prod" ? { clusters: prodClusters.map(([c]) => c) } : { cluster: "sandbox" },
    });
  }
  // Create without dependencies first, then add them, so targets always exist.
  for (const [id, team, language, framework, template, extra] of demoServices) {
    await createEntity("service", {
      identifier: id,
      title: id
        .split("-")
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join(" "),
      team,
      properties: {
        description: `${framework} ${template.replace("-", " ")} owned by ${team}`,
        language,
        framework,
        template,
        port: 8080,
        database: false,
        redis: false,
        public: false,
        lifecycle: "production",
        ...extra,
      },
      relations: {},
    });
  }
  for (const [id, deps] of Object.entries(dependsOn))
    await updateEntity("service", id, { relations: { dependsOn: deps } });
  const history = demoHistory(
    demoServices.map(([service, team], i) => ({
      service,
      team,
      versions: {
        dev: demoDeployment(i, "dev").version,
        staging: demoDeployment(i, "staging").version,
        prod: demoDeployment(i, "prod").version,
      },
    })),
    now,
  );
  // Each deployment's age is that of its last deployment in the history.
  const lastDeployed = new Map<string, string>();
  for (const f of history)
    if (f.kind === "run" && f.status === "succeeded")
      lastDeployed.set(`${f.service}-${f.environment}`, f.at.toISOString());
  for (const [i, [id, team]] of demoServices.entries()) {
    for (const env of envs) {
      const demo = demoDeployment(i, env);
      // The degraded one runs an image that cannot be pulled, in git as in the catalog (see seed-demo-gitops.ts).
      const properties =
        demo.status === "Degraded"
          ? {
              ...demo,
              version: brokenVersion(demo.version),
              health_message: "ImagePullBackOff (back-off pulling image)",
            }
          : demo;
      const at = lastDeployed.get(`${id}-${env}`);
      await createEntity("deployment", {
        identifier: `${id}-${env}`,
        title: `${id} (${env})`,
        team,
        properties: {
          ...(at ? { ...properties, deployed_at: at, last_sync: at } : properties),
          ...(env === "prod" ? { clusters: demoClusterStates(properties) } : {}),
        },
        relations: { service: id, environment: env },
      });
    }
  }
  await insertHistory(history);
  return true;
}
