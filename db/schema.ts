import { sql } from "drizzle-orm";
import {
  bigserial,
  bigint,
  boolean,
  customType,
  index,
  json,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { JsonSchema, RelationDefs } from "@/lib/catalog/types";

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
