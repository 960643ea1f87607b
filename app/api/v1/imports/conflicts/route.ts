import { route } from "@/lib/http/route";
import { listConflicts } from "@/lib/imports/origins";

// GET /api/v1/imports/conflicts — entities two sources claim (the first owner keeps them), newest first (admins)
export const GET = route(
  { doc: { summary: "Entities two import sources claim; the first owner keeps them (admins)" } },
  async ({ authorize }) => {
    authorize("read", { kind: "import" });
    return { items: await listConflicts() };
  },
);
