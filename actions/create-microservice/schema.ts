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
    name: createDnsLabelSchema("The service name", maxServiceNameLength).meta({
      title: "Service name",
      description: "Lowercase letters, digits and '-', starting with a letter, e.g. payment-service",
    }),
    team: createDnsLabelSchema("The team", 40).meta({
      title: "Owning team",
      description: "The team that owns the service; its members can release, promote and scale it",
    }),
    language: z.enum(languages).meta({ title: "Language" }),
    framework: z.string().optional().meta({
      title: "Framework",
      description: "Leave empty for the language's golden path (spring-boot, express, net-http, fastapi)",
    }),
    template: z
      .enum(templates)
      .default("api-service")
      .meta({
        title: "Template",
        description: "The golden-path template the repository starts from",
        // Shown as one card per template; the words match the README the template writes.
        "x-choices": [
          { value: "api-service", title: "API service", description: "An HTTP API with an OpenAPI contract" },
          { value: "web-app", title: "Web app", description: "A web application serving a static page and an API" },
          { value: "batch-job", title: "Batch job", description: "A job run on a schedule by a CronJob; no HTTP" },
          { value: "microservice", title: "Microservice", description: "A plain HTTP service, nothing more" },
        ],
      }),
    port: z
      .number()
      .int("The port is a whole number")
      .min(1, "The port is between 1 and 65535")
      .max(65535, "The port is between 1 and 65535")
      .default(8080)
      .meta({ title: "Port", description: "The port the service listens on" }),
    database: z
      .boolean()
      .default(false)
      .meta({ title: "PostgreSQL database", description: "A CloudNativePG database for this service" }),
    redis: z.boolean().default(false).meta({ title: "Redis cache", description: "A Redis instance for this service" }),
    public: z
      .boolean()
      .default(false)
      .meta({ title: "Public", description: "Reachable from outside the cluster, through an Ingress with TLS" }),
    paas: createDnsLabelSchema("The Paas", 30).optional().meta({
      title: "Paas",
      description: "Place the service in this Paas: its deployments count against the Paas's quota",
    }),
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
