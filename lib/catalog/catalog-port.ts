import { getDb } from "@/lib/db/client";
import { recordActivity } from "./activity";
import { createEntity, deleteEntity, updateEntity } from "./entities";
import { findEntity, findEntityRow } from "./entity-lookup";
import type { EntityCreateInput } from "./inputs";
import { listEntities } from "./search";

export type CatalogEntity = {
  identifier: string;
  title: string;
  team: string | null;
  properties: Record<string, unknown>;
  relations: Record<string, string[]>;
};

/** What actions may do to the catalog, in domain terms; writes are audited as the run's actor. */
export type CatalogPort = {
  findEntity(blueprint: string, identifier: string): Promise<CatalogEntity | null>;
  listEntities(blueprint: string): Promise<CatalogEntity[]>;
  /** Creates the entity, or merge-patches it when it exists (a resumed run changes nothing twice). */
  upsertEntity(blueprint: string, input: EntityCreateInput): Promise<{ created: boolean }>;
  patchProperties(blueprint: string, identifier: string, properties: Record<string, unknown>): Promise<void>;
  deleteEntity(blueprint: string, identifier: string): Promise<void>;
  recordActivity(
    blueprint: string,
    identifier: string,
    entry: { kind: string; message: string; data?: Record<string, unknown> },
  ): Promise<void>;
};

export function createCatalogPort(actor: string): CatalogPort {
  const opts = { actor };
  return {
    async findEntity(blueprint, identifier) {
      const e = await findEntity(blueprint, identifier);
      if (!e) return null;
      return {
        identifier: e.identifier,
        title: e.title,
        team: e.team,
        properties: e.properties,
        relations: e.relations,
      };
    },
    async listEntities(blueprint) {
      // Environments and the like: small sets, one page is all of them.
      const page = await listEntities(
        blueprint,
        { limit: 200, sort: "identifier", order: "asc" },
        { properties: [], relations: [] },
      );
      return page.items.map((e) => ({
        identifier: e.identifier,
        title: e.title,
        team: e.team,
        properties: e.properties,
        relations: e.relations,
      }));
    },
    async upsertEntity(blueprint, input) {
      if (await findEntityRow(blueprint, input.identifier)) {
        await updateEntity(
          blueprint,
          input.identifier,
          { title: input.title, team: input.team, properties: input.properties, relations: input.relations },
          opts,
        );
        return { created: false };
      }
      await createEntity(blueprint, input, opts);
      return { created: true };
    },
    async patchProperties(blueprint, identifier, properties) {
      await updateEntity(blueprint, identifier, { properties }, opts);
    },
    async deleteEntity(blueprint, identifier) {
      if (await findEntityRow(blueprint, identifier)) await deleteEntity(blueprint, identifier, opts);
    },
    async recordActivity(blueprint, identifier, entry) {
      const row = await findEntityRow(blueprint, identifier);
      if (row) await recordActivity(getDb(), row.id, { ...entry, actor });
    },
  };
}
