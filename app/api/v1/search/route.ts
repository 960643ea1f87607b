import { z } from "zod";
import { route } from "@/lib/http/route";
import { searchEverywhere } from "@/lib/search/search-everywhere";

const query = z.object({ q: z.string().trim().min(1, "Type something to search for").max(200) });

// GET /api/v1/search — entities of every blueprint, actions and runs matching q (the search palette)
export const GET = route(
  { query, doc: { summary: "Search entities of every blueprint, actions and runs" } },
  async ({ query, authorize }) => {
    authorize("read", { kind: "catalog" });
    return { items: await searchEverywhere(query.q) };
  },
);
