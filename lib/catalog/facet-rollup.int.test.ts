import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { resetDatabase, setupTestDatabase } from "@/tests/db";
import { createEntity as createRaw, deleteEntity, updateEntity } from "./entities";
import { foldFacetDeltas } from "./facet-fold";
import { readFacetRollup } from "./facet-rollup";
import { entityCreateSchema } from "./inputs";

setupTestDatabase();
beforeEach(resetDatabase);

type Row = Record<string, unknown>;
// Through the API's schema, which fills the defaults (no properties, no relations).
const createEntity = (blueprint: string, input: Record<string, unknown>) =>
  createRaw(blueprint, entityCreateSchema.parse(input));
const rows = async (q: ReturnType<typeof sql>) => (await getDb().execute<Row>(q)).rows;

const freshCounts = sql`select blueprint, facet, md5(value::text) as value_hash, value, count(*)::int as n
    from (select blueprint, 'team' as facet, to_jsonb(team) as value from entities where team is not null
          union all
          select e.blueprint, 'property.' || p.key, p.value from entities e, jsonb_each(e.properties) p
          where jsonb_typeof(p.value) <> 'null') x
    group by blueprint, facet, value order by blueprint, facet, value_hash`;

// The rollups must hold exactly what counting every entity and relation afresh gives, row for row:
// what readers see before the fold (counters plus deltas), and the counters alone after it, with no
// row left at zero and no delta left behind.
async function expectRollupsExact(): Promise<void> {
  const counted = await rows(freshCounts);
  expect(
    await rows(sql`select blueprint, facet, value_hash, value, n from entity_facet_totals
    order by blueprint, facet, value_hash`),
  ).toEqual(counted);
  await foldFacetDeltas();
  expect(
    await rows(sql`select blueprint, facet, value_hash, value, n from entity_facet_counts
    order by blueprint, facet, value_hash`),
  ).toEqual(counted);
  expect(await rows(sql`select * from entity_facet_deltas`)).toEqual([]);
  const keptRelations = await rows(sql`select blueprint, name, target_id, n from relation_facet_counts
    order by blueprint, name, target_id`);
  const countedRelations = await rows(sql`select s.blueprint, r.name, r.target_id, count(*)::int as n
    from entity_relations r join entities s on s.id = r.source_id
    group by s.blueprint, r.name, r.target_id order by s.blueprint, r.name, r.target_id`);
  expect(keptRelations).toEqual(countedRelations);
}

async function seed(): Promise<void> {
  for (const team of ["payments", "checkout"]) await createEntity("team", { identifier: team });
  for (const env of ["dev", "prod"]) await createEntity("environment", { identifier: env });
  for (const [identifier, team, language] of [
    ["pay-api", "payments", "go"],
    ["cart", "checkout", "go"],
    ["ledger", "payments", "java"],
  ] as const) {
    await createEntity("service", { identifier, team, properties: { language, public: identifier === "cart" } });
  }
  for (const [svc, env] of [
    ["pay-api", "dev"],
    ["pay-api", "prod"],
    ["cart", "prod"],
  ] as const) {
    await createEntity("deployment", { identifier: `${svc}-${env}`, relations: { service: svc, environment: env } });
  }
}

describe("facet rollups (entity_facet_counts and its deltas, relation_facet_counts)", () => {
  it("count a write before it is folded in: the writer appends a delta and leaves the counters alone", async () => {
    await seed();
    await foldFacetDeltas();
    const languages = sql`select value, n from entity_facet_totals
      where blueprint = 'service' and facet = 'property.language' order by value`;
    await getDb().transaction(async (tx) => {
      await tx.execute(
        sql`update entities set properties = properties || '{"language":"rust"}' where identifier = 'cart'`,
      );
      // Uncommitted, so no fold can have taken it: only the deltas hold the change.
      const rust = await tx.execute(sql`select n from entity_facet_counts
        where blueprint = 'service' and facet = 'property.language' and value = '"rust"'`);
      expect(rust.rows).toEqual([]);
      expect((await tx.execute(languages)).rows).toEqual([
        { value: "go", n: 1 },
        { value: "java", n: 1 },
        { value: "rust", n: 1 },
      ]);
    });
    await expectRollupsExact();
    expect(await readFacetRollup("service", [{ name: "property.language", kind: "property" }], 51)).toEqual([
      { facet: "property.language", value: "go", n: 1 },
      { facet: "property.language", value: "java", n: 1 },
      { facet: "property.language", value: "rust", n: 1 },
    ]);
  });

  it("stay exact through creates, updates, relation changes and deletes by the catalog's write path", async () => {
    await seed();
    await expectRollupsExact();
    expect(await readFacetRollup("service", [{ name: "property.language", kind: "property" }], 51)).toEqual([
      { facet: "property.language", value: "go", n: 2 },
      { facet: "property.language", value: "java", n: 1 },
    ]);

    await updateEntity("service", "ledger", { team: "checkout", properties: { language: "go", public: null } });
    await updateEntity("service", "cart", { team: null });
    await updateEntity("deployment", "cart-prod", { relations: { environment: "dev" } });
    await updateEntity("deployment", "pay-api-dev", { relations: { service: "ledger" } });
    await expectRollupsExact();
    expect(await readFacetRollup("service", [{ name: "team", kind: "team" }], 51)).toEqual([
      { facet: "team", value: "checkout", n: 1 },
      { facet: "team", value: "payments", n: 1 },
    ]);

    // A deleted source takes its outgoing counts with it; a deleted target (cascade) takes the ones naming it.
    await deleteEntity("deployment", "pay-api-prod");
    await expectRollupsExact();
    await getDb().execute(sql`delete from entities where blueprint = 'environment' and identifier = 'dev'`);
    await expectRollupsExact();
    const envs = await readFacetRollup(
      "deployment",
      [{ name: "relation.environment", kind: "relation", key: "environment" }],
      51,
    );
    expect(envs).toEqual([]);
    const services = await readFacetRollup(
      "deployment",
      [{ name: "relation.service", kind: "relation", key: "service" }],
      51,
    );
    expect(services).toEqual([
      { facet: "relation.service", value: "cart", n: 1 },
      { facet: "relation.service", value: "ledger", n: 1 },
    ]);
  });

  it("stay exact through bulk statements (INSERT … SELECT, multi-row UPDATE and DELETE with cascades)", async () => {
    await seed();
    await getDb().execute(sql`insert into entities (blueprint, identifier, title, team, properties)
      select 'service', 'bulk-' || g, 'Bulk ' || g, case when g % 3 = 0 then null else 'payments' end,
             jsonb_build_object('language', (array['go','rust'])[1 + g % 2], 'port', 8000 + g % 4, 'note', null)
      from generate_series(1, 300) g`);
    await getDb().execute(sql`insert into entity_relations (source_id, name, target_id)
      select s.id, 'dependsOn', t.id from entities s join entities t on t.identifier = 'pay-api'
      where s.identifier like 'bulk-%'`);
    await expectRollupsExact();
    await getDb().execute(sql`update entities set properties = properties || '{"language":"zig"}', team = 'checkout'
      where identifier like 'bulk-1%'`);
    await getDb().execute(sql`update entities set properties = properties - 'port' where identifier like 'bulk-2%'`);
    await expectRollupsExact();
    await getDb().execute(sql`delete from entities where identifier like 'bulk-3%' or identifier = 'pay-api'`);
    await expectRollupsExact();
    // A renamed blueprint (ON UPDATE CASCADE) takes its entities' counts and their relations' along.
    await getDb().execute(sql`update blueprints set identifier = 'release' where identifier = 'deployment'`);
    await expectRollupsExact();
    const moved = await rows(sql`select distinct blueprint from relation_facet_counts where name = 'environment'`);
    expect(moved).toEqual([{ blueprint: "release" }]);
  });

  it("count a value too large for an index key (a 20 kB string), and forget it when it goes", async () => {
    await seed();
    const note = "x".repeat(20_000);
    await getDb().execute(sql`update entities set properties = properties || jsonb_build_object('notes', ${note}::text)
      where identifier = 'cart'`);
    await expectRollupsExact();
    expect(await readFacetRollup("service", [{ name: "property.notes", kind: "property" }], 51)).toEqual([
      { facet: "property.notes", value: note, n: 1 },
    ]);
    await getDb().execute(sql`update entities set properties = properties - 'notes' where identifier = 'cart'`);
    await expectRollupsExact();
  });

  it("stay exact under concurrent writers touching the same counts", async () => {
    await seed();
    const services = Array.from({ length: 24 }, (_, i) => `conc-${i}`);
    await Promise.all(
      services.map((identifier, i) =>
        createEntity("service", {
          identifier,
          team: i % 2 ? "payments" : "checkout",
          properties: { language: i % 3 ? "go" : "java" },
        }),
      ),
    );
    await Promise.all([
      ...services.slice(0, 12).map((identifier, i) =>
        updateEntity("service", identifier, {
          team: i % 2 ? "checkout" : "payments",
          properties: { language: "python" },
        }),
      ),
      ...services.slice(12, 18).map((identifier) => deleteEntity("service", identifier)),
      ...services.slice(18).map((identifier) =>
        createEntity("deployment", {
          identifier: `${identifier}-dev`,
          relations: { service: identifier, environment: "dev" },
        }),
      ),
    ]);
    await expectRollupsExact();
    const [language] = await readFacetRollup("service", [{ name: "property.language", kind: "property" }], 1);
    expect(language).toEqual({ facet: "property.language", value: "python", n: 12 });

    // Creates and deletes of deployments sharing a team and an environment take the same counter rows
    // in the same order (entity first, relations second): all of them go through, none deadlocks.
    const old = services.slice(18).map((s) => `${s}-dev`);
    const writes = await Promise.allSettled([
      ...old.map((identifier) => deleteEntity("deployment", identifier)),
      ...services.slice(0, 6).map((identifier) =>
        createEntity("deployment", {
          identifier: `${identifier}-dev`,
          team: "payments",
          relations: { service: identifier, environment: "dev" },
        }),
      ),
    ]);
    expect(writes.filter((w) => w.status === "rejected")).toEqual([]);
    await expectRollupsExact();
  });
});
