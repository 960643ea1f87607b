import type { MappedEntity } from "./backstage-descriptor";
import {
  countImportOutcome,
  findImportRun,
  finishImportRun,
  moveImportOutcome,
  setImportTotal,
  startImportRun,
  type ImportRun,
  type ImportSource,
} from "./import-runs";
import { listPresentOrigins, markOriginsMissing } from "./origins";
import { describeFailure, writeImportedEntity, writeImportedRelations, type WriteResult } from "./write-imported";

// One import run over the objects a source holds now: each object is written on its own (a bad one is
// counted with its reason and the rest go on), then relations, then what the source no longer has is
// marked Missing. Runs of one source take turns in this process, so a webhook and the periodic sync
// never create the same entity twice.

export type SourceObject =
  | {
      object: string;
      revision: string | null;
      entity: MappedEntity;
      /** Write relations with the entity (its blueprint requires them); otherwise after every entity exists. */
      relationsFirst?: boolean;
      ownedFields?: string[];
    }
  | { object: string; revision: string | null; error: string; keepsPrefix?: boolean };

export type ImportSummary = ImportRun;

/** Owners and relation targets first, so an entity's team and targets exist when it is written. */
const WRITE_ORDER = ["team", "user", "system", "resource", "api", "environment", "service"];
const rank = (o: SourceObject) => ("entity" in o ? WRITE_ORDER.indexOf(o.entity.blueprint) + 1 || 99 : 0);

const turns = new Map<string, Promise<unknown>>();

function inTurn<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = turns.get(key) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(fn);
  turns.set(key, next);
  return next;
}

export type Collected = {
  objects: SourceObject[];
  /** Object-name prefixes this run saw completely: origins under them not seen now are Missing. */
  scopes: string[];
};

export function runImport(
  source: ImportSource,
  trigger: string,
  collect: () => Promise<Collected>,
  onMissing?: (entityIds: number[]) => Promise<void>,
): Promise<ImportSummary> {
  return inTurn(source, async () => {
    const runId = await startImportRun(source, trigger);
    try {
      const { objects, scopes } = await collect();
      await setImportTotal(runId, objects.length);
      await writeObjects(source, runId, objects);
      const missing = await detectMissing(source, objects, scopes);
      await markOriginsMissing(missing);
      if (onMissing) await onMissing(missing);
      for (const _ of missing) await countImportOutcome(runId, "missing");
      await finishImportRun(runId, "succeeded");
    } catch (error) {
      await finishImportRun(runId, "failed", { object: "(run)", reason: describeFailure(error) });
    }
    const run = await findImportRun(runId);
    if (!run) throw new Error(`import run ${runId} vanished`);
    return run;
  });
}

async function writeObjects(source: string, runId: string, objects: SourceObject[]): Promise<void> {
  const actor = `import:${source}`;
  const ordered = [...objects].sort((a, b) => rank(a) - rank(b));
  const written: { item: Extract<SourceObject, { entity: MappedEntity }>; result: WriteResult }[] = [];
  for (const item of ordered) {
    if (!("entity" in item)) {
      await countImportOutcome(runId, "failed", { object: item.object, reason: item.error });
      continue;
    }
    const result = await writeImportedEntity({ ...item, source }, actor);
    await countImportOutcome(
      runId,
      result.outcome,
      result.reason ? { object: item.object, reason: result.reason } : undefined,
    );
    if (result.outcome !== "failed") written.push({ item, result });
  }
  for (const { item, result } of written) {
    try {
      const { changed } = await writeImportedRelations({ ...item, source }, actor);
      if (changed && result.outcome === "unchanged") await moveImportOutcome(runId, "unchanged", "updated");
    } catch (error) {
      await moveImportOutcome(runId, result.outcome, "failed", { object: item.object, reason: describeFailure(error) });
    }
  }
}

async function detectMissing(source: string, objects: SourceObject[], scopes: string[]): Promise<number[]> {
  const seen = new Set(objects.map((o) => o.object.toLowerCase()));
  const kept = objects.filter((o) => "error" in o && o.keepsPrefix).map((o) => o.object.toLowerCase());
  const missing: number[] = [];
  for (const scope of scopes) {
    for (const origin of await listPresentOrigins(source, scope)) {
      const name = origin.object.toLowerCase();
      if (seen.has(name) || kept.some((k) => name.startsWith(k))) continue;
      missing.push(origin.entityId);
    }
  }
  return [...new Set(missing)];
}
