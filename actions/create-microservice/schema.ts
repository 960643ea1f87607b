import { z } from "zod";
import {
  createDnsLabelSchema,
  languages,
  maxServiceNameLength,
  supportedFrameworks,
  templates,
} from "@/lib/gitops/service-spec";

// Port's create_microservice inputs. Client-safe: the form is generated from this schema.
export const createMicroserviceInput = z
  .object({
    name: createDnsLabelSchema("name", maxServiceNameLength).describe(
      "Service name: lowercase letters, digits and '-'",
    ),
    team: createDnsLabelSchema("team", 40).describe("Owning team (a team entity)"),
    language: z.enum(languages),
    framework: z
      .string()
      .optional()
      .describe("Defaults to the language's golden path (spring-boot, express, net-http, fastapi)"),
    template: z.enum(templates).default("api-service"),
    port: z.number().int().min(1).max(65535).default(8080),
    database: z.boolean().default(false).describe("PostgreSQL (CloudNativePG) for this service"),
    redis: z.boolean().default(false),
    public: z.boolean().default(false).describe("Expose through an Ingress with TLS"),
    paas: createDnsLabelSchema("paas", 30)
      .optional()
      .describe("Place the service in this Paas: its deployments count against the Paas's quota"),
  })
  .superRefine((input, ctx) => {
    const frameworks = supportedFrameworks[input.language];
    if (input.framework && !frameworks.includes(input.framework)) {
      ctx.addIssue({
        code: "custom",
        path: ["framework"],
        message: `${input.language} services use ${frameworks.join(" or ")}, not "${input.framework}"`,
      });
    }
    if (input.template === "batch-job" && input.public) {
      ctx.addIssue({
        code: "custom",
        path: ["public"],
        message: "A batch job serves no HTTP traffic and cannot be public",
      });
    }
  });

export type CreateMicroserviceInput = z.infer<typeof createMicroserviceInput>;
