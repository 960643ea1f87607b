import { auditLog } from "@/db/schema";

// The audit row as read back for verification and listing; one selection for both.
export const auditRowColumns = {
  id: auditLog.id,
  at: auditLog.at,
  actor: auditLog.actor,
  verb: auditLog.verb,
  target: auditLog.target,
  data: auditLog.data,
  prevHash: auditLog.prevHash,
  hash: auditLog.hash,
};
