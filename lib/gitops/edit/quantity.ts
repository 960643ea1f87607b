// Kubernetes quantities, limited to the forms people write for CPU and memory.
const decimal: Record<string, number> = { "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const binary: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

const pattern = /^(\d+(?:\.\d+)?|\.\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

function parse(value: string): { amount: number; suffix: string } | null {
  const match = pattern.exec(value.trim());
  if (!match) return null;
  return { amount: Number(match[1]), suffix: match[2] ?? "" };
}

/** CPU in cores: "250m" → 0.25, "2" → 2, "1.5" → 1.5. Null when it is not a CPU quantity. */
export function parseCpu(value: string | number): number | null {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : null;
  const q = parse(value);
  if (!q) return null;
  if (q.suffix === "m") return q.amount / 1000;
  // Binary and large decimal suffixes are legal Kubernetes but never meant for CPU: refuse them.
  return q.suffix === "" ? q.amount : null;
}

/** Memory in bytes: "512Mi", "1Gi", "500M", "1073741824". Null when it is not a memory quantity. */
export function parseMemory(value: string | number): number | null {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : null;
  const q = parse(value);
  // "m" on memory means millibytes: legal, and always a typo for Mi.
  if (!q || q.suffix === "m") return null;
  const factor = binary[q.suffix] ?? decimal[q.suffix];
  return factor === undefined ? null : q.amount * factor;
}
