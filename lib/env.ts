import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";

// The only module that reads process.env: every setting is declared, defaulted and validated here.
const boolish = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  // With DATABASE_URL: the owner role that runs migrations and owns the audit trail (see README).
  DATABASE_ADMIN_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  SLIPWAY_DATA_DIR: z.string().min(1).default(".slipway"),
  SLIPWAY_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  // How long a request waits for a free database connection before it is answered 503 (Retry-After).
  SLIPWAY_DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(3000),
  SLIPWAY_SEED_DEMO: boolish.default(true),
  SLIPWAY_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  SLIPWAY_WORKER: boolish.default(true),
  // sandbox: demo users, on-disk git, simulated cluster. connected: the real services configured below.
  SLIPWAY_MODE: z.enum(["sandbox", "connected"]).optional(),
  // Auth.js encrypts session cookies with this; sandbox generates one into the data dir when unset.
  AUTH_SECRET: z.string().min(32, "use at least 32 characters (openssl rand -base64 32)").optional(),
  AUTH_URL: z.url().optional(),
  SLIPWAY_OIDC_ISSUER: z.url().optional(),
  SLIPWAY_OIDC_CLIENT_ID: z.string().min(1).optional(),
  SLIPWAY_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  SLIPWAY_OIDC_SCOPES: z.string().default("openid profile email groups"),
  SLIPWAY_OIDC_NAME: z.string().default("Dex"),
  SLIPWAY_ADMIN_GROUPS: z.string().default("slipway-admins"),
  SLIPWAY_SRE_GROUPS: z.string().default("slipway-sres"),
  // Empty: every signed-in user is a developer (sign-in is the gate).
  SLIPWAY_DEVELOPER_GROUPS: z.string().default(""),
  // Slack-compatible incoming webhook told about runs waiting for approval (optional).
  SLIPWAY_APPROVAL_WEBHOOK_URL: z.url().optional(),
  // Registers the test-only actions (tests and CI; never in production).
  SLIPWAY_TEST_ACTIONS: boolish.default(false),
  // Runs whose worker has not sent a heartbeat for this long are resumed by another worker; the
  // heartbeat period is derived from it (lib/runs/run-heartbeat.ts).
  SLIPWAY_RUN_STALE_SECONDS: z.coerce.number().int().min(2).max(3600).default(15),
  SLIPWAY_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  // SIGTERM: how long a worker lets its runs reach their next step before handing them back.
  SLIPWAY_WORKER_DRAIN_SECONDS: z.coerce.number().int().min(0).max(3600).default(20),
  // Bearer token Prometheus sends to GET /metrics; unset: /metrics answers 404 (off).
  SLIPWAY_METRICS_TOKEN: z.string().min(16, "use at least 16 characters").optional(),
  // A worker also serves its own /metrics (same token) on this port; unset: no listener.
  SLIPWAY_WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // The web process also serves POST /api/webhooks/argocd on this port from a plain Node.js HTTP
  // server (lib/deployments/ingest-server.ts); unset: no listener.
  SLIPWAY_INGEST_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // V8's old-generation limit of the web process (MB, --max-old-space-size); 0: Node's default.
  SLIPWAY_WEB_HEAP_MB: z.coerce.number().int().min(0).max(65536).default(256),
  // Forgejo (connected mode); sandbox mode keeps bare repositories under <data dir>/git instead.
  SLIPWAY_FORGEJO_URL: z.url().optional(),
  SLIPWAY_FORGEJO_TOKEN: z.string().min(1).optional(),
  // A file holding the token instead (a mounted Secret, or what docker compose's one-shot init wrote).
  SLIPWAY_FORGEJO_TOKEN_FILE: z.string().min(1).optional(),
  // Secret of the Forgejo/Gitea webhook (pull-request previews); unset: POST /api/webhooks/forgejo refuses everything.
  SLIPWAY_FORGEJO_WEBHOOK_SECRET: z.string().min(16, "use at least 16 characters").optional(),
  // Organisations whose repositories' catalog-info.yaml are imported (comma-separated); unset: no Backstage import.
  SLIPWAY_IMPORT_FORGEJO_ORGS: z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .optional(),
  // How often a worker runs the full Backstage sync (catches missed webhooks and removed repositories).
  SLIPWAY_IMPORT_SYNC_SECONDS: z.coerce.number().int().min(10).max(86400).default(300),
  // ArgoCD import: how an Application's name splits into service and environment when neither the
  // slipway.io/entity annotation nor labels say (named groups `service` and `environment`).
  SLIPWAY_IMPORT_ARGOCD_NAME_PATTERN: z
    .string()
    .default("^(?<service>.+)-(?<environment>[^-]+)$")
    .refine((p) => {
      try {
        const groups = new RegExp(p).source;
        return groups.includes("?<service>") && groups.includes("?<environment>");
      } catch {
        return false;
      }
    }, "a regular expression with the named groups (?<service>…) and (?<environment>…)"),
  /** `<owner>/<name>` of the GitOps repository every service's manifests live in. */
  SLIPWAY_GITOPS_REPO: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*$/i, "use <owner>/<name>")
    .default("platform/gitops"),
  SLIPWAY_IMAGE_REGISTRY: z.string().min(1).default("registry.local"),
  SLIPWAY_APPS_DOMAIN: z.string().min(1).default("apps.example.com"),
  // Shared secret ArgoCD notifications send (Authorization: Bearer …); sandbox derives one from AUTH_SECRET.
  SLIPWAY_ARGOCD_WEBHOOK_SECRET: z.string().min(16, "use at least 16 characters").optional(),
  SLIPWAY_FLUX_WEBHOOK_SECRET: z.string().min(16, "use at least 16 characters").optional(),
  // A Secret in Flux's namespace with the GitOps repository's credentials (basic auth or SSH), for
  // a private repository: the GitRepositories Slipway writes reference it.
  SLIPWAY_FLUX_GIT_SECRET: z.string().min(1).optional(),
  // The cluster ArgoCD runs in (connected mode): a kubeconfig file, or the pod's service account.
  SLIPWAY_KUBECONFIG: z.string().min(1).optional(),
  SLIPWAY_KUBE_IN_CLUSTER: boolish.default(false),
  SLIPWAY_ARGOCD_NAMESPACE: z.string().min(1).default("argocd"),
  // Where a worker reaches the web server (the simulator's ArgoCD webhook); unset: this host's PORT.
  SLIPWAY_INTERNAL_URL: z.url().optional(),
});

export type Mode = "sandbox" | "connected";
export type Env = z.infer<typeof envSchema> & { mode: Mode };

/** Explicit SLIPWAY_MODE wins; otherwise configuring an OIDC issuer or a Forgejo means connected. */
function resolveMode(env: z.infer<typeof envSchema>): Mode {
  return env.SLIPWAY_MODE ?? (env.SLIPWAY_OIDC_ISSUER || env.SLIPWAY_FORGEJO_URL ? "connected" : "sandbox");
}

function modeProblems(env: Env): string[] {
  if (env.mode !== "connected") return [];
  const problems: string[] = [];
  if (!env.AUTH_SECRET) problems.push("  AUTH_SECRET: required in connected mode");
  for (const key of ["SLIPWAY_OIDC_ISSUER", "SLIPWAY_OIDC_CLIENT_ID", "SLIPWAY_OIDC_CLIENT_SECRET"] as const) {
    if (!env[key]) problems.push(`  ${key}: required in connected mode (sign-in goes through your OIDC provider)`);
  }
  for (const key of ["SLIPWAY_FORGEJO_URL", "SLIPWAY_FORGEJO_TOKEN"] as const) {
    if (!env[key]) problems.push(`  ${key}: required in connected mode (repositories live in your Forgejo)`);
  }
  return problems;
}

export class EnvError extends Error {}

function readTokenFile(env: z.infer<typeof envSchema>): string | undefined {
  const file = env.SLIPWAY_FORGEJO_TOKEN_FILE;
  if (!file) return undefined;
  try {
    return readFileSync(file, "utf8").trim() || undefined;
  } catch (e) {
    throw new EnvError(
      `Invalid Slipway configuration:\n  SLIPWAY_FORGEJO_TOKEN_FILE: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
    );
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as unset so `FOO= npm start` behaves like leaving FOO out.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid Slipway configuration:\n${lines.join("\n")}`);
  }
  const data = {
    ...result.data,
    SLIPWAY_FORGEJO_TOKEN: result.data.SLIPWAY_FORGEJO_TOKEN ?? readTokenFile(result.data),
  };
  const env = { ...data, mode: resolveMode(data) };
  const problems = modeProblems(env);
  if (problems.length > 0) throw new EnvError(`Invalid Slipway configuration:\n${problems.join("\n")}`);
  return env;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Where external tools come from. Read on their own, without validating the rest: the launcher, the
 * test set-up and the build scripts look tools up before (or without) a complete configuration.
 */
export function toolSettings(source: Record<string, string | undefined> = process.env) {
  return {
    /** PATH's directories, where kustomize and kubectl are looked up. */
    searchPath: (source.PATH ?? "").split(path.delimiter).filter(Boolean),
    /** A kustomize or kubectl binary (a path or a name on PATH); unset: kustomize, then kubectl, from PATH. */
    kustomize: source.SLIPWAY_KUSTOMIZE || undefined,
    /** Where Go-built tools (kustomize, the test peers) are cached. */
    peersCache: path.resolve(source.SLIPWAY_PEERS_CACHE || path.join(os.homedir(), ".cache", "slipway-peers")),
  };
}

// Child processes (web, worker) inherit the parent's environment plus what the launcher decided.
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
