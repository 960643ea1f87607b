import { z } from "zod";
import { identifierSchema } from "@/lib/catalog/inputs";
import { route } from "@/lib/http/route";
import { exportPortDocument } from "@/lib/imports/port-import";
import { DEFAULT_PORT_MAPPING } from "@/lib/imports/port-json";

const list = (s: string) =>
  s
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

const exportQuerySchema = z.object({
  blueprints: z
    .string()
    .default("team,environment,service,deployment")
    .transform(list)
    .pipe(z.array(identifierSchema).min(1).max(50)),
  mapping: z
    .string()
    .optional()
    .transform((s) =>
      s === undefined ? DEFAULT_PORT_MAPPING : Object.fromEntries(list(s).map((pair) => pair.split(":", 2))),
    )
    .pipe(z.record(identifierSchema, identifierSchema))
    .describe("port:slipway pairs, comma-separated (default microservice:service)"),
});

// GET /api/v1/imports/port/export — blueprints and their entities in Port's JSON shape, blueprints mapped back (admins)
export const GET = route(
  {
    query: exportQuerySchema,
    doc: { summary: "Blueprints and their entities in Port's JSON shape (admins)" },
  },
  async ({ query, authorize }) => {
    authorize("read", { kind: "import" });
    return exportPortDocument(query.blueprints, query.mapping);
  },
);
