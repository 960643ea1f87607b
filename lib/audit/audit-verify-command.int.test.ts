import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { auditLog } from "@/db/schema";
import { createEntity, updateEntity } from "@/lib/catalog/entities";
import { getDb } from "@/lib/db/client";
import { childEnv } from "@/lib/env";
import { resetDatabase, setupTestDatabase, tamperWithAuditLog } from "@/tests/db";
import { appendAudit } from "./append-audit";

setupTestDatabase();

type Outcome = { code: number | null; stdout: string; stderr: string };

// The real command, as an operator runs it, against the test database.
function runAuditVerify(): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "scripts/audit-verify.ts"], {
      cwd: process.cwd(),
      env: childEnv({ DATABASE_URL: inject("databaseUrl"), DATABASE_ADMIN_URL: inject("adminDatabaseUrl") }),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run audit:verify", () => {
  let tampered = 0;

  beforeAll(async () => {
    await resetDatabase();
    await createEntity(
      "service",
      { identifier: "cart", properties: { language: "node" }, relations: {} },
      { actor: "ada" },
    );
    await updateEntity("service", "cart", { properties: { port: 8080 } }, { actor: "bob" });
    tampered = (await appendAudit(getDb(), { actor: "system", verb: "run.start", target: "run:1", data: { ok: true } }))
      .id;
    await appendAudit(getDb(), { actor: "system", verb: "run.finish", target: "run:1" });
  });

  it("exits 0 and counts the rows on an untouched log", async () => {
    const rows = await getDb().$count(auditLog);
    const out = await runAuditVerify();
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout.trim()).toBe(`Audit log OK: ${rows} rows verified`);
  });

  it("exits 1 naming the tampered row", async () => {
    await tamperWithAuditLog(sql`update audit_log set data = '{"ok": false}' where id = ${tampered}`);
    const out = await runAuditVerify();
    expect(out.code, out.stderr).toBe(1);
    expect(out.stdout).toMatch(new RegExp(`^Audit log TAMPERED at row ${tampered}: `));
  });
});

describe("npm run audit:verify after rows were cut from the end", () => {
  it("exits 1 naming the missing tail", async () => {
    await resetDatabase();
    for (let i = 0; i < 5; i++) await appendAudit(getDb(), { actor: "system", verb: "run.start", target: `run:${i}` });
    const before = await getDb().$count(auditLog);
    const kept = await getDb()
      .select({ id: auditLog.id })
      .from(auditLog)
      .orderBy(sql`id desc`)
      .offset(2)
      .limit(1);
    await tamperWithAuditLog(sql`delete from audit_log where id > ${kept[0]!.id}`);
    const out = await runAuditVerify();
    expect(out.code, out.stderr).toBe(1);
    expect(out.stdout).toContain(`Audit log TAMPERED at row ${kept[0]!.id}: the last 2 rows are missing`);
    expect(out.stdout).toContain(`records ${before} rows`);
  });
});
