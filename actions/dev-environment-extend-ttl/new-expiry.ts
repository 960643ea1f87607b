import { parseTtl } from "@/lib/dev-environments/ttl";

/** The current expiry (or now, if it already passed) plus the extension, as ISO-8601. */
export function newExpiry(current: unknown, extendBy: string, now: number): string {
  const at = typeof current === "string" ? Date.parse(current) : NaN;
  return new Date(Math.max(Number.isNaN(at) ? now : at, now) + parseTtl(extendBy)!).toISOString();
}
