// Kubernetes resource quantities: one parser for the whole portal (Paas quotas use it too).
export { parseQuantity } from "@/lib/paas/quantity";

export function compareQuantities(a: number, b: number): number {
  if (a === b) return 0;
  // Binary and decimal suffixes meet in floating point; a relative epsilon keeps 1Gi == 1024Mi.
  if (Math.abs(a - b) <= Math.abs(b) * 1e-12) return 0;
  return a < b ? -1 : 1;
}
