import { publicRoute } from "@/lib/http/route";

// GET /api/health — liveness only (public for load balancers; no data exposed). No database query on
// purpose: a busy or exhausted pool must not make the process look dead, and a probe must never queue for it.
export const GET = publicRoute({}, async () => ({ ok: true }));
