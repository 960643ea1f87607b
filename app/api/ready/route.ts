import { checkReadiness } from "@/lib/health/readiness";
import { publicRoute } from "@/lib/http/route";

// GET /api/ready — readiness: database reachable, this build's migrations applied, run queue reachable.
// Public like /api/health (probes carry no credentials); it names failed checks, never data.
export const GET = publicRoute({}, async () => {
  const readiness = await checkReadiness();
  return Response.json(readiness, { status: readiness.ready ? 200 : 503 });
});
