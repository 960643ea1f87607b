export type NavLink = { href: string; label: string; badge?: number };
export type NavSection = { heading?: string; links: NavLink[] };

/**
 * The link that best matches the current URL: the longest path prefix, a link whose query also matches
 * winning over one without (Approvals is /runs?view=approvals, Runs is /runs). One link at most is active.
 */
export function activeHref(links: NavLink[], pathname: string, search: URLSearchParams): string | null {
  let best: { href: string; score: number } | null = null;
  for (const { href } of links) {
    const url = new URL(href, "http://portal");
    const pathMatches =
      url.pathname === "/" ? pathname === "/" : pathname === url.pathname || pathname.startsWith(`${url.pathname}/`);
    if (!pathMatches) continue;
    const queryPairs = [...url.searchParams];
    if (!queryPairs.every(([k, v]) => search.get(k) === v)) continue;
    const score = url.pathname.length + queryPairs.length * 1000;
    if (!best || score > best.score) best = { href, score };
  }
  return best?.href ?? null;
}
