import { sql } from "drizzle-orm";
import {
  bigserial,
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { JsonSchema, RelationDefs } from "@/lib/catalog/types";
import type { CheckResult } from "@/lib/policies/types";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const blueprints = pgTable("blueprints", {
  identifier: text("identifier").primaryKey(),
  title: text("title").notNull(),
  icon: text("icon").notNull().default("box"),
  description: text("description").notNull().default(""),
  // json, not jsonb: jsonb reorders keys, and property order is the form's field order.
  schema: json("schema").$type<JsonSchema>().notNull(),
  relations: json("relations").$type<RelationDefs>().notNull().default({}),
  builtin: boolean("builtin").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const entities = pgTable(
  "entities",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    blueprint: text("blueprint")
      .notNull()
      .references(() => blueprints.identifier, { onDelete: "restrict", onUpdate: "cascade" }),
    identifier: text("identifier").notNull(),
    title: text("title").notNull(),
    team: text("team"),
    properties: jsonb("properties").$type<Record<string, unknown>>().notNull().default({}),
    // Maintained by the database (generated column) so every writer gets search for free.
    search: tsvector("search").generatedAlwaysAs(
      // translate(): the parser reads "svc-01" as "svc" and the integer "-01", so separators become spaces too.
      sql`to_tsvector('simple', "identifier" || ' ' || translate("identifier", '-_.', '   ') || ' ' || "title" || ' ' || coalesce("team", '')) || jsonb_to_tsvector('simple', "properties", '["string"]')`,
    ),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("entities_blueprint_identifier_key").on(t.blueprint, t.identifier),
    index("entities_blueprint_title_idx").on(t.blueprint, t.title, t.id),
    index("entities_blueprint_created_idx").on(t.blueprint, t.createdAt, t.id),
    index("entities_team_idx").on(t.team),
    index("entities_search_idx").using("gin", t.search),
    index("entities_properties_idx").using("gin", sql`${t.properties} jsonb_path_ops`),
  ],
);

export const entityRelations = pgTable(
  "entity_relations",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    sourceId: bigint("source_id", { mode: "number" })
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    targetId: bigint("target_id", { mode: "number" })
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
  },
  (t) => [
    uniqueIndex("entity_relations_unique").on(t.sourceId, t.name, t.targetId),
    index("entity_relations_target_idx").on(t.targetId, t.name),
  ],
);

// Facet counts kept by triggers on entities and entity_relations (migration 0012): read by
// lib/catalog/facets.ts when no filter narrows the entities. Entity counts take writers' changes as
// rows of entity_facet_deltas, which lib/catalog/facet-fold.ts asks the database to fold in (migration
// 0018); readers read the view entity_facet_totals, counts and deltas together.
export const entityFacetCounts = pgTable(
  "entity_facet_counts",
  {
    blueprint: text("blueprint").notNull(),
    facet: text("facet").notNull(),
    valueHash: text("value_hash").notNull(),
    value: jsonb("value").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ name: "entity_facet_counts_pkey", columns: [t.blueprint, t.facet, t.valueHash] })],
);

export const entityFacetDeltas = pgTable(
  "entity_facet_deltas",
  {
    blueprint: text("blueprint").notNull(),
    facet: text("facet").notNull(),
    valueHash: text("value_hash").notNull(),
    value: jsonb("value").notNull(),
    d: integer("d").notNull(),
  },
  (t) => [index("entity_facet_deltas_facet_idx").on(t.blueprint, t.facet)],
);

export const relationFacetCounts = pgTable(
  "relation_facet_counts",
  {
    blueprint: text("blueprint").notNull(),
    name: text("name").notNull(),
    targetId: bigint("target_id", { mode: "number" }).notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ name: "relation_facet_counts_pkey", columns: [t.blueprint, t.name, t.targetId] })],
);

// The entity timeline: later features (runs, deployments, ArgoCD) append here.
export const entityActivity = pgTable(
  "entity_activity",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    entityId: bigint("entity_id", { mode: "number" })
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    message: text("message").notNull(),
    actor: text("actor"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("entity_activity_entity_idx").on(t.entityId, t.at)],
);

// Tamper-evident trail of who changed what: each row's hash covers the previous row's hash.
// Append only through lib/audit/append-audit.ts; a trigger refuses UPDATE, DELETE and TRUNCATE.
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // No default: the hash covers `at`, so the appender sets it (in milliseconds, as JS can represent it).
    at: timestamp("at", { withTimezone: true }).notNull(),
    actor: text("actor").notNull(),
    verb: text("verb").notNull(),
    target: text("target").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text("prev_hash"),
    hash: text("hash").notNull().unique("audit_log_hash_key"),
  },
  (t) => [
    // A second row claiming the same predecessor would fork the chain; refuse it even if a writer skips the lock.
    uniqueIndex("audit_log_prev_hash_key").on(sql`coalesce(${t.prevHash}, '')`),
    index("audit_log_actor_idx").on(t.actor, t.id),
    index("audit_log_verb_idx").on(t.verb, t.id),
    index("audit_log_target_idx").on(t.target, t.id),
    index("audit_log_at_idx").on(t.at, t.id),
  ],
);

// The audit chain's head as of the last append, signed with a key only the application holds: rows cut
// from the end of audit_log leave the chain intact but fall short of this. One row (id 1), kept by appendAudit.
export const auditHead = pgTable(
  "audit_head",
  {
    id: smallint("id").primaryKey().default(1),
    rows: bigint("rows", { mode: "number" }).notNull(),
    lastId: bigint("last_id", { mode: "number" }).notNull(),
    hash: text("hash").notNull(),
    signature: text("signature").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("audit_head_single_row", sql`${t.id} = 1`)],
);

// People who signed in at least once. Groups are kept as of the last sign-in so API tokens act with them.
export const users = pgTable("users", {
  // `<provider>:<subject>`: stable across email changes at the identity provider.
  id: text("id").primaryKey(),
  email: text("email").notNull(),
  name: text("name").notNull(),
  groups: jsonb("groups").$type<string[]>().notNull().default([]),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }).notNull().defaultNow(),
});

// Sessions ended by sign-out before their cookie expires. Session cookies are stateless JWTs, so the
// principal check refuses these ids; a row is useless (and deleted) once the cookie would have expired.
export const revokedSessions = pgTable("revoked_sessions", {
  sessionId: text("session_id").primaryKey(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

// Personal API tokens: only a SHA-256 of the secret is stored; the secret is shown once at creation.
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    scopes: jsonb("scopes").$type<string[]>().notNull(),
    tokenHash: text("token_hash").notNull().unique("api_tokens_hash_key"),
    /** The first characters of the secret, so people can tell their tokens apart. */
    prefix: text("prefix").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId, t.createdAt)],
);

// Mirror of the code registry (actions/registry.ts), so the UI and API list actions from the database.
export const actions = pgTable("actions", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  blueprint: text("blueprint").notNull(),
  trigger: text("trigger").notNull(),
  inputSchema: json("input_schema").$type<Record<string, unknown>>().notNull(),
  aliases: jsonb("aliases").$type<string[]>().notNull().default([]),
  executeRoles: jsonb("execute_roles").$type<string[]>().notNull(),
  approveRoles: jsonb("approve_roles").$type<string[]>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const runs = pgTable(
  "runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actionId: text("action_id").notNull(),
    status: text("status").notNull(),
    // No foreign key: a run's history outlives the entity it acted on.
    entityBlueprint: text("entity_blueprint"),
    entityIdentifier: text("entity_identifier"),
    team: text("team"),
    input: jsonb("input").$type<Record<string, unknown>>().notNull(),
    requestedBy: text("requested_by").notNull(),
    requestedByEmail: text("requested_by_email").notNull(),
    via: text("via").notNull(),
    /** The caller's own id for the run (Port's `context.runId`): a retried webhook finds its run (per requester). */
    externalId: text("external_id"),
    policy: jsonb("policy").$type<Record<string, unknown>>(),
    approvalExpiresAt: timestamp("approval_expires_at", { withTimezone: true }),
    /** What approvers see: versions, the overlay compared, the pull request opened at request time. */
    proposal: jsonb("proposal").$type<Record<string, unknown>>(),
    /** The ticket the run was requested or approved under (the requester's, else the first approver's). */
    changeTicket: text("change_ticket"),
    result: jsonb("result").$type<Record<string, unknown>>(),
    error: text("error"),
    links: jsonb("links").$type<{ kind: string; url: string; title: string }[]>().notNull().default([]),
    cancelRequested: boolean("cancel_requested").notNull().default(false),
    rerunOf: uuid("rerun_of"),
    workerId: text("worker_id"),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    // Millisecond precision: the keyset cursor carries a JS Date, which cannot hold microseconds.
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("runs_created_idx").on(t.createdAt, t.id),
    index("runs_status_idx").on(t.status, t.createdAt),
    index("runs_requester_idx").on(t.requestedBy, t.createdAt),
    index("runs_action_idx").on(t.actionId, t.createdAt),
    index("runs_entity_idx").on(t.entityBlueprint, t.entityIdentifier, t.createdAt),
    index("runs_team_action_idx").on(t.team, t.actionId, t.createdAt),
    index("runs_awaiting_idx")
      .on(t.entityIdentifier)
      .where(sql`${t.status} = 'awaiting_approval'`),
    // Per requester: a caller's run id never reaches another user's run.
    uniqueIndex("runs_external_key")
      .on(t.actionId, t.requestedBy, t.externalId)
      .where(sql`${t.externalId} is not null`),
  ],
);

// Step checkpoints: a succeeded step's result is replayed on resume instead of running it again.
export const runSteps = pgTable(
  "run_steps",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    status: text("status").notNull(),
    result: jsonb("result"),
    error: text("error"),
    attempts: integer("attempts").notNull().default(1),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("run_steps_key").on(t.runId, t.key)],
);

export const runLogs = pgTable(
  "run_logs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    level: text("level").notNull(),
    step: text("step"),
    message: text("message").notNull(),
  },
  (t) => [index("run_logs_run_idx").on(t.runId, t.id)],
);

export const runApprovals = pgTable(
  "run_approvals",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    userEmail: text("user_email").notNull(),
    decision: text("decision").notNull(),
    comment: text("comment").notNull().default(""),
    changeTicket: text("change_ticket"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  // One decision per person per run: "two distinct SREs" is enforced by the database too.
  (t) => [uniqueIndex("run_approvals_once").on(t.runId, t.userId)],
);

// ArgoCD status events already applied (webhook deliveries are retried; the second one is a no-op).
export const statusEvents = pgTable("status_events", {
  key: text("key").primaryKey(),
  entity: text("entity").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

// Per deployment, the observation time of the newest status applied: older events never overwrite it.
export const statusMarks = pgTable(
  "status_marks",
  {
    blueprint: text("blueprint").notNull(),
    identifier: text("identifier").notNull(),
    /** Whose sequence this mark belongs to: the reporting Application (`app`), '' when not named. */
    sender: text("sender").notNull().default(""),
    observedAt: timestamp("observed_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.blueprint, t.identifier, t.sender] })],
);

// What the dev-environment expiry job did for one expiry ('warned', 'removed'); the key is the claim.
export const devEnvironmentEvents = pgTable(
  "dev_environment_events",
  {
    environment: text("environment").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    kind: text("kind").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.environment, t.expiresAt, t.kind] })],
);

// In-portal notices for one person (dev environments about to expire, …).
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userEmail: text("user_email").notNull(),
    message: text("message").notNull(),
    link: text("link"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_user_unread")
      .on(t.userEmail, t.createdAt)
      .where(sql`${t.readAt} IS NULL`),
  ],
);

// Forgejo webhook deliveries already handled.
export const forgejoDeliveries = pgTable("forgejo_deliveries", {
  delivery: text("delivery").primaryKey(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

// Per pull request, the newest state applied (late deliveries of older states change nothing).
export const pullRequestMarks = pgTable(
  "pull_request_marks",
  {
    repo: text("repo").notNull(),
    number: integer("number").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    state: text("state").notNull(),
  },
  (t) => [primaryKey({ columns: [t.repo, t.number] })],
);

// Dashboards rollup (lib/dashboards): production-relevant facts, written as they happen (a run that
// deployed a version, a health change ArgoCD reported), so metrics read a period by index.
export const deploymentEvents = pgTable(
  "deployment_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    /** deploy: a release, promotion or rollback run finished; health: the health changed. */
    kind: text("kind").$type<"deploy" | "health">().notNull(),
    deployment: text("deployment").notNull(),
    service: text("service").notNull(),
    team: text("team"),
    environment: text("environment").notNull(),
    version: text("version"),
    action: text("action"),
    status: text("status"),
    actor: text("actor"),
    runId: uuid("run_id"),
    /** deploy rows: a rollback or a Degraded state followed within the change-failure window. */
    failed: boolean("failed").notNull().default(false),
    /** Degraded rows: until Healthy again; rollback rows without a Degraded state: since the deployment undone. */
    recoveryMs: bigint("recovery_ms", { mode: "number" }),
  },
  (t) => [
    check("deployment_events_kind", sql`${t.kind} in ('deploy', 'health')`),
    index("deployment_events_env_idx").on(t.environment, t.kind, t.at),
    index("deployment_events_service_idx").on(t.service, t.environment, t.at),
    index("deployment_events_team_idx").on(t.team, t.kind, t.at),
    index("deployment_events_deployment_idx").on(t.deployment, t.kind, t.at),
    index("deployment_events_at_idx").on(t.kind, t.at),
  ],
);

// First app-repository commit of a released version (lead time's start), read once through the Forgejo port.
export const versionCommits = pgTable(
  "version_commits",
  {
    service: text("service").notNull(),
    version: text("version").notNull(),
    /** null: looked up, no commit found for the version. */
    firstCommitAt: timestamp("first_commit_at", { withTimezone: true, precision: 3 }),
    checkedAt: timestamp("checked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "version_commits_pk", columns: [t.service, t.version] })],
);

// Where an imported entity came from (ArgoCD, a Backstage descriptor, Port JSON). `owned_fields` are read-only in the portal.
export const entityOrigins = pgTable(
  "entity_origins",
  {
    entityId: bigint("entity_id", { mode: "number" })
      .primaryKey()
      .references(() => entities.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    /** The source's own name for the object, e.g. `platform/cart:catalog-info.yaml#0` or `argocd/cart-dev`. */
    object: text("object").notNull(),
    revision: text("revision"),
    ownedFields: jsonb("owned_fields").$type<string[]>().notNull().default([]),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set when the source no longer has the object; the entity is kept (never silently deleted). */
    missingAt: timestamp("missing_at", { withTimezone: true }),
  },
  (t) => [index("entity_origins_source_idx").on(t.source, t.object)],
);

export const importRuns = pgTable(
  "import_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    source: text("source").notNull(),
    trigger: text("trigger").notNull(),
    status: text("status").notNull(),
    total: integer("total").notNull().default(0),
    processed: integer("processed").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    missing: integer("missing").notNull().default(0),
    failures: jsonb("failures").$type<{ object: string; reason: string }[]>().notNull().default([]),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("import_runs_started_idx").on(t.startedAt)],
);

// Two sources claiming one entity: reported for an admin, never resolved silently (the first owner keeps it).
export const importConflicts = pgTable(
  "import_conflicts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    blueprint: text("blueprint").notNull(),
    identifier: text("identifier").notNull(),
    ownerSource: text("owner_source").notNull(),
    ownerObject: text("owner_object").notNull(),
    claimantSource: text("claimant_source").notNull(),
    claimantObject: text("claimant_object").notNull(),
    detectedAt: timestamp("detected_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("import_conflicts_unique").on(t.blueprint, t.identifier, t.claimantSource, t.claimantObject)],
);

// A run's policy gate: the checklist of the rendered target overlay at request time; failing > 0
// blocks approval unless an admin overrode it (who, why, when — audited as run.gate_override).
export const runGates = pgTable("run_gates", {
  runId: uuid("run_id")
    .primaryKey()
    .references(() => runs.id, { onDelete: "cascade" }),
  environment: text("environment").notNull(),
  checks: jsonb("checks").$type<CheckResult[]>().notNull(),
  failing: integer("failing").notNull(),
  evaluatedAt: timestamp("evaluated_at", { withTimezone: true }).notNull().defaultNow(),
  overrideBy: text("override_by"),
  overrideReason: text("override_reason"),
  overrideAt: timestamp("override_at", { withTimezone: true }),
});
