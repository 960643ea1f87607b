/**
 * The route template of a request (`/api/v1/runs/{run}`), from its path and the params Next.js
 * matched: metrics are labelled by route, never by raw URL, so ids do not multiply the series.
 * Params are matched from the right, where the last dynamic segments are; a catch-all param covers
 * the rest of the path.
 */
export function routeTemplate(pathname: string, params: Record<string, string | string[] | undefined>): string {
  const segments = pathname.split("/");
  let end = segments.length;
  for (const [name, value] of Object.entries(params).reverse()) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      // A catch-all: its segments are the path's last ones.
      if (value.length > 0 && value.length <= end) {
        segments.splice(end - value.length, value.length, `{${name}}`);
        end -= value.length;
      }
      continue;
    }
    for (let i = end - 1; i >= 0; i--) {
      if (safeDecode(segments[i]!) !== value) continue;
      segments[i] = `{${name}}`;
      end = i;
      break;
    }
  }
  return segments.join("/");
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
