// Kubernetes resource quantities as numbers: CPU in cores ("250m" → 0.25), memory in MiB ("1Gi" → 1024).

const MEMORY_MIB: Record<string, number> = {
  Ki: 1 / 1024,
  Mi: 1,
  Gi: 1024,
  Ti: 1024 * 1024,
  k: 1000 / 1048576,
  M: 1e6 / 1048576,
  G: 1e9 / 1048576,
  "": 1 / 1048576,
};

export function cpuCores(q: unknown): number | null {
  if (typeof q !== "string") return null;
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(q.trim());
  if (!m) return null;
  return Number(m[1]) / (m[2] ? 1000 : 1);
}

export function memoryMiB(q: unknown): number | null {
  if (typeof q !== "string") return null;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|)$/.exec(q.trim());
  if (!m) return null;
  return Number(m[1]) * MEMORY_MIB[m[2]!]!;
}
