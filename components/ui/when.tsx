"use client";
import { formatExact, formatRelative } from "./format-time";

/**
 * The portal's one date format: relative ("3 min ago"), the exact local time on hover. The server
 * and the browser compute "ago" a moment apart, so the text may differ by a second at hydration.
 */
export function When({ at, empty = "—" }: { at: string | Date | null | undefined; empty?: string }) {
  if (!at) return <>{empty}</>;
  const date = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return <>{empty}</>;
  return (
    <time dateTime={date.toISOString()} title={formatExact(date)} suppressHydrationWarning>
      {formatRelative(date, new Date())}
    </time>
  );
}
