// Kubernetes resource quantities ("500m", "512Mi", "1e3"), as k8s.io/apimachinery parses them.
const SUFFIXES: Record<string, number> = {
  "": 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|([a-zA-Z]{0,2}))$/;

/** The quantity's value, or null when `text` is not a quantity. */
export function parseQuantity(text: string): number | null {
  const m = QUANTITY.exec(text);
  if (!m) return null;
  const base = Number(m[1]);
  if (m[2]) return base * 10 ** Number(m[2].slice(1));
  const factor = SUFFIXES[m[3] ?? ""];
  return factor === undefined ? null : base * factor;
}

export function compareQuantities(a: number, b: number): number {
  if (a === b) return 0;
  // Binary and decimal suffixes meet in floating point; a relative epsilon keeps 1Gi == 1024Mi.
  if (Math.abs(a - b) <= Math.abs(b) * 1e-12) return 0;
  return a < b ? -1 : 1;
}
