import { formatQuantity, parseQuantity } from "./quantity";

// Does a workload still fit its Paas's quota? Usage is what the other workloads under the quota
// ask for (replicas × limit), plus what this one asks after the change.

export type QuotaUsage = { cpu: number; memory: number };
export type QuotaField = { field: string; key: "limits.cpu" | "limits.memory" };

export function checkQuota(
  quota: { name: string; cpu?: string; memory?: string },
  used: QuotaUsage,
  asked: QuotaUsage,
  fields: { cpu: string; memory: string },
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const check = (
    key: "limits.cpu" | "limits.memory",
    hardText: string | undefined,
    u: number,
    a: number,
    field: string,
  ) => {
    const hard = hardText === undefined ? null : parseQuantity(hardText);
    if (hard === null) return;
    // A thousandth of a core or a byte of float error must not refuse an exact fit.
    if (u + a <= hard * (1 + 1e-9)) return;
    const unit = key === "limits.cpu" ? "cpu" : "bytes";
    (errors[field] ??= []).push(
      `Exceeds quota ${quota.name} (${key} ${hardText}): ${formatQuantity(u, unit)} used, ${formatQuantity(a, unit)} asked`,
    );
  };
  check("limits.cpu", quota.cpu, used.cpu, asked.cpu, fields.cpu);
  check("limits.memory", quota.memory, used.memory, asked.memory, fields.memory);
  return errors;
}
