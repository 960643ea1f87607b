// Domain types of the catalog; client-safe (no server imports).
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  [key: string]: unknown;
};

export type RelationDef = { title?: string; target: string; many: boolean; required: boolean };
export type RelationDefs = Record<string, RelationDef>;

export type Blueprint = {
  identifier: string;
  title: string;
  icon: string;
  description: string;
  schema: JsonSchema;
  relations: RelationDefs;
  builtin: boolean;
  createdAt: string;
  updatedAt: string;
};

export type EntityRef = { blueprint: string; identifier: string; title: string };

export type Entity = {
  blueprint: string;
  identifier: string;
  title: string;
  team: string | null;
  properties: Record<string, unknown>;
  /** Outgoing relations by name: the identifiers of the targets. */
  relations: Record<string, string[]>;
  createdAt: string;
  updatedAt: string;
};

export type EntityDetail = Entity & {
  /** Outgoing relations with titles, by relation name. */
  related: Record<string, EntityRef[]>;
  /** Incoming relations: who points at this entity, grouped by "<blueprint>.<relation>". */
  referencedBy: { blueprint: string; relation: string; entities: EntityRef[] }[];
};

export type Page<T> = { items: T[]; nextCursor: string | null };

export type ActivityItem = {
  id: number;
  kind: string;
  message: string;
  actor: string | null;
  data: Record<string, unknown>;
  at: string;
};

/** Who is making a catalog change; internal callers (seeders, jobs) omit it and act as "system". */
export type WriteOptions = {
  actor?: string;
  /**
   * Run inside the caller's transaction (a savepoint): every read and write of the change, lookups and
   * the audit row included, so it sees the caller's uncommitted writes and commits or rolls back with them.
   */
  db?: import("@/lib/db/client").Executor;
  /** Timeline entry to record instead of the generic "Updated …" one (status changes say what changed). */
  activity?: { kind: string; message: string; data?: Record<string, unknown> };
};
