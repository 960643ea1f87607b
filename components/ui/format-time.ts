const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const exact = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  // "long" includes the time zone's name.
  timeStyle: "long",
});

// [unit, its length in seconds, from how many seconds on it is used]: days up to six weeks read better
// than "next week" or "last month".
const UNITS: [Intl.RelativeTimeFormatUnit, number, number][] = [
  ["year", 365 * 86_400, 365 * 86_400],
  ["month", 30 * 86_400, 45 * 86_400],
  ["day", 86_400, 86_400],
  ["hour", 3600, 3600],
  ["minute", 60, 45],
];

/** "just now", "5 minutes ago", "in 7 days", "yesterday", "3 months ago": the largest unit that fits. */
export function formatRelative(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return "just now";
  for (const [unit, size, from] of UNITS) {
    if (abs >= from) return rtf.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

/** The exact time, in the reader's time zone, with the zone named. */
export function formatExact(date: Date): string {
  return exact.format(date);
}
