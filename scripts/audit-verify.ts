// npm run audit:verify — recompute the audit log's hash chain; exit 1 naming the first tampered row.
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { prepareDatabase } from "@/lib/db/bootstrap";
import { closeDb, getDb, setDatabaseUrl } from "@/lib/db/client";
import { EnvError } from "@/lib/env";

let code = 1;
try {
  const db = await prepareDatabase((line) => console.error(`[slipway] ${line}`));
  try {
    setDatabaseUrl(db.url);
    const result = await verifyAuditChain(getDb());
    if (result.ok) {
      console.log(`Audit log OK: ${result.rows} rows verified`);
      code = 0;
    } else {
      console.log(`Audit log TAMPERED at row ${result.rowId}: ${result.reason}`);
    }
  } finally {
    await closeDb();
    // A server that was already running belongs to a live `npm start`: leave it up.
    if (db.embedded && !db.embedded.reused) await db.embedded.stop();
  }
} catch (e) {
  console.error(e instanceof EnvError ? e.message : e);
  code = 2;
}
process.exit(code);
