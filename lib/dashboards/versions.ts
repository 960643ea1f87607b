/** Numeric-aware order of version strings (1.10.0 after 1.9.2). */
export function compareVersions(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

/**
 * The versions a lower stage runs that the upper one does not have yet: those that reached the lower
 * stage after the upper stage's version did, up to the lower stage's current one (history: the lower
 * stage's versions in the order they arrived). Without that history, by version order.
 */
export function versionsAhead(history: string[], lower: string | null, upper: string | null): string[] {
  if (!lower || lower === upper) return [];
  const lowerAt = history.lastIndexOf(lower);
  const upperAt = upper ? history.indexOf(upper) : -1;
  if (lowerAt !== -1 && (upperAt !== -1 || !upper)) {
    return [...new Set(history.slice(upperAt + 1, lowerAt + 1))].filter((v) => v !== upper);
  }
  const known = [...new Set([...history, lower])];
  return known
    .filter((v) => compareVersions(v, lower) <= 0 && (!upper || compareVersions(v, upper) > 0))
    .sort(compareVersions);
}
