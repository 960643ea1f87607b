import { asc, eq, notInArray, sql } from "drizzle-orm";
import { z } from "zod";
import { actions } from "@/db/schema";
import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { ActionTrigger, RegisteredAction } from "./define-action";
import { addSchemaMessages } from "./schema-messages";
import { findActionDefinition, listActionDefinitions } from "./run-wiring";

export type ActionSummary = {
  id: string;
  title: string;
  description: string;
  blueprint: string;
  trigger: ActionTrigger;
  aliases: string[];
  executeRoles: string[];
  approveRoles: string[];
  /** JSON Schema of the input (what clients send), for forms and API clients. */
  inputSchema: Record<string, unknown>;
};

export function inputJsonSchema(def: RegisteredAction): Record<string, unknown> {
  // "input" view: fields with defaults are optional, as a client may leave them out.
  const schema = z.toJSONSchema(def.input, {
    io: "input",
    unrepresentable: "any",
    override: addSchemaMessages,
  }) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}

/** Writes the code registry into `actions` (and drops actions no longer in the code). */
export async function syncActionRegistry(): Promise<number> {
  const defs = listActionDefinitions();
  await getDb().transaction(async (tx) => {
    for (const def of defs) {
      const row = {
        id: def.id,
        title: def.title,
        description: def.description,
        blueprint: def.blueprint,
        trigger: def.trigger,
        inputSchema: inputJsonSchema(def),
        aliases: def.aliases ?? [],
        executeRoles: def.permission.execute,
        approveRoles: def.permission.approve,
      };
      await tx
        .insert(actions)
        .values(row)
        .onConflictDoUpdate({ target: actions.id, set: { ...row, updatedAt: sql`now()` } });
    }
    const ids = defs.map((d) => d.id);
    await (ids.length > 0 ? tx.delete(actions).where(notInArray(actions.id, ids)) : tx.delete(actions));
  });
  return defs.length;
}

const summaryColumns = {
  id: actions.id,
  title: actions.title,
  description: actions.description,
  blueprint: actions.blueprint,
  trigger: actions.trigger,
  aliases: actions.aliases,
  executeRoles: actions.executeRoles,
  approveRoles: actions.approveRoles,
  inputSchema: actions.inputSchema,
};

export async function listActions(filter: { blueprint?: string } = {}): Promise<ActionSummary[]> {
  const q = getDb().select(summaryColumns).from(actions);
  const rows = await (filter.blueprint ? q.where(eq(actions.blueprint, filter.blueprint)) : q).orderBy(
    asc(actions.title),
  );
  return rows.map((r) => ({ ...r, trigger: r.trigger as ActionTrigger }));
}

export async function getAction(id: string): Promise<ActionSummary> {
  const [row] = await getDb().select(summaryColumns).from(actions).where(eq(actions.id, id));
  if (!row) throw notFound(`Action "${id}"`);
  return { ...row, trigger: row.trigger as ActionTrigger };
}

/** The executable definition; 404 when the code no longer has it. */
export function requireActionDefinition(idOrAlias: string): RegisteredAction {
  const def = findActionDefinition(idOrAlias);
  if (!def) throw notFound(`Action "${idOrAlias}"`);
  return def;
}
