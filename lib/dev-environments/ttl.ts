// Times to live as people write them in the seed's DevEnvironment ("7d", "12h", "30m"). Client-safe.

const units = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const ttlPattern = /^([1-9]\d{0,4})([mhd])$/;

/** Milliseconds, or null when `text` is not a whole number of minutes, hours or days. */
export function parseTtl(text: string): number | null {
  const match = ttlPattern.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * units[match[2] as keyof typeof units];
}

/**
 * How long before expiry the owner is told: an hour for long-lived environments, half the time to
 * live for short ones (a 1-minute environment is announced 30 s ahead).
 */
export const warningLeadMs = (ttlMs: number) => Math.min(3_600_000, Math.floor(ttlMs / 2));

/** "2h 5m" style, for notices and the page. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d}d` : "", h ? `${h}h` : "", m || (!d && !h) ? `${m}m` : ""].filter(Boolean).join(" ");
}

/** "in 2h 5m", or "due for removal" once the expiry has passed. */
export function describeExpiry(expiresAt: string, now: number = Date.now()): string {
  const left = Date.parse(expiresAt) - now;
  return left > 0 ? `in ${formatDuration(left)}` : "due for removal";
}
