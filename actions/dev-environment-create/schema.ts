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
    name: createDnsLabelSchema("The service", 40).meta({ title: "Service", description: "A service in the catalog" }),
    branch: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .meta({ title: "Branch", description: "Build from this branch (default: the environment's)" }),
    image: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .optional()
      .meta({ title: "Image", description: "Or run this image as it is" }),
  })
  .refine((s) => !(s.branch && s.image), { message: "Give a branch or an image, not both", path: ["image"] });

export const devEnvironmentCreateInput = z.object({
  name: createDnsLabelSchema("The environment name", 40).meta({
    title: "Environment name",
    description: "It answers at <name>.dev.<apps domain>",
  }),
  team: createDnsLabelSchema("The team", 40).meta({
    title: "Owning team",
    description: "The team whose limits (time to live, how many at once) apply",
  }),
  owner: z
    .email("Give an email address")
    .optional()
    .meta({ title: "Owner", description: "Told before it expires (default: you)" }),
  template: z.string().trim().min(1).max(60).default("production-lite").meta({ title: "Template" }),
  branch: z
    .string()
    .trim()
    .min(1, "Give the branch to build from")
    .max(200)
    .meta({ title: "Branch", description: "Git branch the services are built from" }),
  ttl: ttlSchema
    .default("24h")
    .meta({ title: "Time to live", description: "e.g. 4h or 7d; the environment is removed when it runs out" }),
  services: z.array(devServiceInput).min(1, "At least one service").meta({ title: "Services" }),
  databases: z
    .array(
      z.object({
        name: createDnsLabelSchema("The database name", 40).meta({ title: "Database name" }),
        type: z.enum(["postgres"]).default("postgres").meta({ title: "Type" }),
        seed_data: z
          .string()
          .trim()
          .max(100)
          .optional()
          .meta({ title: "Seed data", description: "Seed data set, e.g. sample-data-v1" }),
      }),
    )
    .default([])
    .meta({ title: "Databases" }),
  // Every part optional: the form shows these fields always, and empty means the services' defaults.
  resources: z
    .object({
      requests: z.object({ cpu: quantity.optional(), memory: quantity.optional() }).optional(),
      limits: z.object({ cpu: quantity.optional(), memory: quantity.optional() }).optional(),
    })
    .optional(),
});

export type DevEnvironmentCreateInput = z.infer<typeof devEnvironmentCreateInput>;
