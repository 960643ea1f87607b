import { metrics } from "./registry";
import { routeTemplate } from "./route-template";

/** One answered API request: its latency under the route's template, method and status. */
export function observeRequest(
  req: Request,
  params: Record<string, string | string[] | undefined>,
  status: number,
  seconds: number,
): void {
  const route = routeTemplate(new URL(req.url).pathname, params);
  metrics().httpDuration.observe({ method: req.method, route, status: String(status) }, seconds);
}
