import { asc, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { createEntity } from "@/lib/catalog/entities";
import { getDb } from "@/lib/db/client";
import { asDatabaseAdmin, resetDatabase, setupTestDatabase, tamperWithAuditLog } from "@/tests/db";
import { appendAudit } from "./append-audit";
import { hashAuditRow } from "./canonical";
import { listAudit } from "./list-audit";
import { verifyAuditChain } from "./verify-audit";

setupTestDatabase();
beforeEach(resetDatabase);

const chain = () =>
  getDb()
    .select({ id: auditLog.id, prevHash: auditLog.prevHash, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(asc(auditLog.id));

async function appendMany(n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      (
        await appendAudit(getDb(), {
          actor: `user${i % 3}@example.com`,
          verb: "token.create",
          target: `token:${i}`,
          data: { i },
        })
      ).id,
    );
  }
  return ids;
}

describe("the hash chain", () => {
  it("links every row to the one before it", async () => {
    await appendMany(5);
    const rows = await chain();
    expect(rows[0]!.prevHash).toBeNull();
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(await verifyAuditChain(getDb())).toEqual({ ok: true, rows: rows.length });
  });

  it("stays a single chain under 20 concurrent entity creates", async () => {
    const creates = Array.from({ length: 20 }, (_, i) =>
      createEntity(
        "service",
        { identifier: `svc-${i}`, properties: { language: "go" }, relations: {} },
        { actor: `u${i}` },
      ),
    );
    await Promise.all(creates);
    const rows = await chain();
    const prevs = rows.map((r) => r.prevHash);
    expect(new Set(prevs).size).toBe(rows.length);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(await getDb().$count(auditLog, eq(auditLog.verb, "entity.create"))).toBe(20);
    expect(await verifyAuditChain(getDb())).toEqual({ ok: true, rows: rows.length });
  });

  it("verifies data that jsonb stores reordered and renumbered, across batches", async () => {
    const data = {
      z: 1,
      a: { y: [3, 2, 1], b: 'é ✓ "q" \\' },
      n: [0.1 + 0.2, 1e21, 1.5e-7, -0, 12345678901234567890, 5e-324],
    };
    await appendAudit(getDb(), { actor: "system", verb: "run.start", target: "run:1", data });
    await appendMany(6);
    expect(await verifyAuditChain(getDb(), { batchSize: 2 })).toMatchObject({ ok: true });
  });

  it("refuses to append from a snapshot older than the chain lock", async () => {
    await expect(
      getDb().transaction((tx) => appendAudit(tx, { actor: "system", verb: "x.y", target: "x:1" }), {
        isolationLevel: "repeatable read",
      }),
    ).rejects.toThrow(/READ COMMITTED/);
  });
});

describe("append-only enforcement", () => {
  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    const [id] = await appendMany(1);
    await expect(getDb().execute(sql`update audit_log set actor = 'mallory' where id = ${id}`)).rejects.toThrow();
    await expect(getDb().execute(sql`delete from audit_log where id = ${id}`)).rejects.toThrow();
    await expect(getDb().execute(sql`truncate audit_log`)).rejects.toThrow();
    // The application's role may not even try; the trigger stops the owner role too.
    await expect(getDb().execute(sql`delete from audit_log`)).rejects.toMatchObject({
      cause: { code: "42501", message: expect.stringMatching(/permission denied/) },
    });
    await expect(asDatabaseAdmin(sql`delete from audit_log`)).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/append-only: DELETE/) },
    });
    expect(await verifyAuditChain(getDb())).toMatchObject({ ok: true });
  });

  it("keeps the application's database role from switching the trigger off", async () => {
    const [role] = (
      await getDb().execute<{ rolsuper: boolean }>(sql`select rolsuper from pg_roles where rolname = current_user`)
    ).rows;
    expect(role).toEqual({ rolsuper: false });
    for (const statement of [
      sql`alter table audit_log disable trigger audit_log_append_only`,
      sql`alter table audit_log disable trigger all`,
      sql`create or replace function audit_log_refuse_change() returns trigger language plpgsql as $$ begin return old; end $$`,
      sql`alter table audit_log owner to current_user`,
    ]) {
      await expect(getDb().execute(statement)).rejects.toMatchObject({ cause: { code: "42501" } });
    }
  });

  it("names the row whose data was changed behind the trigger's back", async () => {
    const ids = await appendMany(8);
    const victim = ids[4]!;
    await tamperWithAuditLog(sql`update audit_log set data = '{"i": 99}' where id = ${victim}`);
    expect(await verifyAuditChain(getDb(), { batchSize: 3 })).toMatchObject({
      ok: false,
      rowId: victim,
      reason: expect.stringMatching(/hash/),
    });
  });

  it("names the next row when a changed row's own hash was recomputed to match", async () => {
    const ids = await appendMany(5);
    const [row] = await getDb().select().from(auditLog).where(eq(auditLog.id, ids[2]!));
    const forged = hashAuditRow({ ...row!, actor: "mallory" });
    await tamperWithAuditLog(sql`update audit_log set actor = 'mallory', hash = ${forged} where id = ${ids[2]}`);
    expect(await verifyAuditChain(getDb())).toMatchObject({
      ok: false,
      rowId: ids[3],
      reason: expect.stringMatching(/prev_hash/),
    });
  });

  it("names the row after a deleted one", async () => {
    const ids = await appendMany(6);
    await tamperWithAuditLog(sql`delete from audit_log where id = ${ids[3]}`);
    expect(await verifyAuditChain(getDb())).toMatchObject({
      ok: false,
      rowId: ids[4],
      reason: expect.stringMatching(/prev_hash/),
    });
  });

  it("notices the first row going missing", async () => {
    const first = (await chain())[0]!.id;
    await tamperWithAuditLog(sql`delete from audit_log where id = ${first}`);
    expect(await verifyAuditChain(getDb())).toMatchObject({ ok: false, rowId: first + 1 });
  });
});

describe("the signed head checkpoint", () => {
  it("notices rows cut from the end, which leave the chain itself intact", async () => {
    const ids = await appendMany(6);
    await tamperWithAuditLog(sql`delete from audit_log where id >= ${ids[4]}`);
    expect(await verifyAuditChain(getDb())).toMatchObject({
      ok: false,
      rowId: ids[3],
      reason: expect.stringMatching(/last 2 rows are missing/),
    });
  });

  it("keeps reporting a cut tail after new rows are appended over it", async () => {
    const ids = await appendMany(6);
    await tamperWithAuditLog(sql`delete from audit_log where id >= ${ids[4]}`);
    await appendMany(3);
    expect(await verifyAuditChain(getDb())).toMatchObject({ ok: false, reason: expect.stringMatching(/checkpoint/) });
  });

  it("refuses a checkpoint rewritten without the key, and a log whose checkpoint was removed", async () => {
    const ids = await appendMany(4);
    await getDb().execute(sql`update audit_head set rows = rows - 1, last_id = ${ids[2]}`);
    expect(await verifyAuditChain(getDb())).toMatchObject({ ok: false, reason: expect.stringMatching(/signature/) });
    await asDatabaseAdmin(sql`delete from audit_head`);
    expect(await verifyAuditChain(getDb())).toMatchObject({ ok: false, reason: expect.stringMatching(/no head/) });
  });
});

describe("listAudit", () => {
  it("filters and pages newest first", async () => {
    const ids = await appendMany(9);
    const first = await listAudit({ actor: "user1@example.com", limit: 2 });
    expect(first.items.map((r) => r.id)).toEqual([ids[7], ids[4]]);
    expect(first.items[0]).toMatchObject({ verb: "token.create", target: "token:7", data: { i: 7 } });
    const second = await listAudit({ actor: "user1@example.com", limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((r) => r.id)).toEqual([ids[1]]);
    expect(second.nextCursor).toBeNull();

    expect((await listAudit({ verb: "token.create", target: "token:3", limit: 10 })).items.map((r) => r.id)).toEqual([
      ids[3],
    ]);
    const creates = await listAudit({ verb: "blueprint.create", limit: 200 });
    expect(creates.items.every((r) => r.actor === "system" && r.target.startsWith("blueprint:"))).toBe(true);

    const at = new Date((await listAudit({ target: "token:5", limit: 1 })).items[0]!.at);
    const window = await listAudit({ from: at, to: new Date(at.getTime() + 1), limit: 50 });
    expect(window.items.map((r) => r.id)).toContain(ids[5]);
    expect(window.items.every((r) => r.at === at.toISOString())).toBe(true);
    expect((await listAudit({ to: at, limit: 200 })).items.every((r) => new Date(r.at) < at)).toBe(true);
  });

  it("rejects a malformed cursor", async () => {
    await expect(listAudit({ cursor: "nope", limit: 10 })).rejects.toMatchObject({ code: "validation" });
  });
});
