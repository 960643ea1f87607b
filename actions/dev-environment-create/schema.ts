import { z } from "zod";
import { parseTtl } from "@/lib/dev-environments/ttl";
import { createDnsLabelSchema } from "@/lib/gitops/service-spec";
import { isQuantity } from "@/lib/paas/quantity";

// The seed's DevEnvironment: owner, team, template, branch, ttl, services (each from a git branch
// or an image), databases with seed data, resource requests/limits. Client-safe (the form).

export const ttlSchema = z
  .string()
  .trim()
  .refine((t) => parseTtl(t) !== null, "A whole number of minutes, hours or days, e.g. 30m, 12h or 7d");

const quantity = z.string().trim().refine(isQuantity, "Not a Kubernetes quantity (e.g. 500m, 2 or 4Gi)");

export const devServiceInput = z
  .object({
    name: createDnsLabelSchema("service", 40).describe("A service in the catalog"),
    branch: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe("Build from this branch (default: the environment's)"),
    image: z.string().trim().min(1).max(300).optional().describe("Or run this image as it is"),
  })
  .refine((s) => !(s.branch && s.image), { message: "Give a branch or an image, not both", path: ["image"] });

export const devEnvironmentCreateInput = z.object({
  name: createDnsLabelSchema("name", 40).describe("Environment name; it answers at <name>.dev.<apps domain>"),
  team: createDnsLabelSchema("team", 40).describe("Owning team (a team entity)"),
  owner: z.email().optional().describe("Told before it expires (default: you)"),
  template: z.string().trim().min(1).max(60).default("production-lite"),
  branch: z.string().trim().min(1).max(200).describe("Git branch the services are built from"),
  ttl: ttlSchema.default("24h").describe("Time to live, e.g. 4h or 7d; removed when it runs out"),
  services: z.array(devServiceInput).min(1, "At least one service"),
  databases: z
    .array(
      z.object({
        name: createDnsLabelSchema("database", 40),
        type: z.enum(["postgres"]).default("postgres"),
        seed_data: z.string().trim().max(100).optional().describe("Seed data set, e.g. sample-data-v1"),
      }),
    )
    .default([]),
  // Every part optional: the form shows these fields always, and empty means the services' defaults.
  resources: z
    .object({
      requests: z.object({ cpu: quantity.optional(), memory: quantity.optional() }).optional(),
      limits: z.object({ cpu: quantity.optional(), memory: quantity.optional() }).optional(),
    })
    .optional(),
});

export type DevEnvironmentCreateInput = z.infer<typeof devEnvironmentCreateInput>;
