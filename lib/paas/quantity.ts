// Kubernetes resource quantities ("500m", "2", "1.5Gi", "13G", "1e3"), as the API server accepts
// them (k8s.io/apimachinery resource.Quantity): a signed decimal number and an optional suffix.
// Quotas only need comparison and sums, so values become numbers in base units (cores, bytes).

const binarySuffixes: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const decimalSuffixes: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const quantityPattern = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/** The value in base units, or null when `text` is not a Kubernetes quantity. */
export function parseQuantity(text: string): number | null {
  const match = quantityPattern.exec(text.trim());
  if (!match || text.trim() !== text) return null;
  const [, number, exponent, suffix = ""] = match;
  const value = Number(number);
  if (exponent) return value * 10 ** Number(exponent.slice(1));
  const factor = binarySuffixes[suffix] ?? decimalSuffixes[suffix];
  return factor === undefined ? null : value * factor;
}

export const isQuantity = (text: string) => parseQuantity(text) !== null;

/** Readable: cores as "1.5" or "250m", bytes with the largest binary suffix that keeps ≤ 2 decimals. */
export function formatQuantity(value: number, unit: "cpu" | "bytes"): string {
  if (unit === "cpu") {
    if (Number.isInteger(value)) return String(value);
    const milli = Math.round(value * 1000);
    return milli % 100 === 0 ? String(milli / 1000) : `${milli}m`;
  }
  for (const suffix of ["Ei", "Pi", "Ti", "Gi", "Mi", "Ki"] as const) {
    const scaled = value / binarySuffixes[suffix]!;
    if (scaled >= 1) return `${Number(scaled.toFixed(2))}${suffix}`;
  }
  return String(value);
}
