import { z } from "zod";

export const languages = ["java", "node", "go", "python"] as const;
export const templates = ["api-service", "web-app", "batch-job", "microservice"] as const;

export type Language = (typeof languages)[number];
export type Template = (typeof templates)[number];

/** The source skeletons are written for one framework per language; anything else would be a lie. */
export const supportedFrameworks: Record<Language, readonly string[]> = {
  java: ["spring-boot"],
  node: ["express"],
  go: ["net-http"],
  python: ["fastapi"],
};

// 40 leaves room for `<name>-<env>` (Application, hostnames) inside a 63-character label.
export const maxServiceNameLength = 40;

/**
 * A DNS-1035 label: the stricter cousin of DNS-1123 that Service names need (must start with a
 * letter), so one rule holds for every object named after the service.
 */
export function createDnsLabelSchema(what: string, max: number) {
  return z
    .string({ error: `${what} is required` })
    .min(1, `${what} is required`)
    .max(max, `${what} must be at most ${max} characters`)
    .regex(/^[a-z]/, `${what} must start with a lowercase letter`)
    .regex(/^[a-z0-9-]*$/, `${what} may contain only lowercase letters, digits and '-'`)
    .regex(/[a-z0-9]$/, `${what} must end with a letter or digit`);
}

// registry[:port]/path/to/name, no tag or digest: the tag lives in each overlay.
const imageComponent = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const imageRegistry =
  "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?";
const imagePattern = new RegExp(`^(?:${imageRegistry}/)?${imageComponent}(?:/${imageComponent})*$`);

export const imageNameSchema = z
  .string()
  .min(1, "image is required")
  .max(255, "image must be at most 255 characters")
  .refine((v) => !v.includes("@") && !(v.split("/").pop() ?? "").includes(":"), {
    message: "image must not carry a tag or digest (the version goes in `version`)",
  })
  .regex(imagePattern, "image must look like registry.local/team/service (lowercase path components)");

export const imageTagSchema = z
  .string()
  .min(1, "version is required")
  .regex(
    /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/,
    "version must be a valid image tag: letters, digits, '_', '.', '-', at most 128, not starting with '.' or '-'",
  );

export const serviceSpecSchema = z
  .object({
    name: createDnsLabelSchema("name", maxServiceNameLength),
    team: createDnsLabelSchema("team", 40),
    language: z.enum(languages, { error: `language must be one of: ${languages.join(", ")}` }),
    framework: z.string().min(1, "framework is required"),
    template: z.enum(templates, { error: `template must be one of: ${templates.join(", ")}` }),
    port: z
      .number({ error: "port must be a number" })
      .int("port must be a whole number")
      .min(1, "port must be between 1 and 65535")
      .max(65535, "port must be between 1 and 65535"),
    database: z.boolean(),
    redis: z.boolean(),
    public: z.boolean(),
    image: imageNameSchema,
    version: imageTagSchema,
  })
  .superRefine((spec, ctx) => {
    const frameworks = supportedFrameworks[spec.language];
    if (frameworks && !frameworks.includes(spec.framework)) {
      ctx.addIssue({
        code: "custom",
        path: ["framework"],
        message: `${spec.language} services use ${frameworks.join(" or ")}, not "${spec.framework}"`,
      });
    }
    if (spec.template === "batch-job" && spec.public) {
      ctx.addIssue({
        code: "custom",
        path: ["public"],
        message: "a batch job serves no HTTP traffic and cannot be public",
      });
    }
  });

export type ServiceSpec = z.infer<typeof serviceSpecSchema>;

/** Batch jobs run as a CronJob; everything else is a long-running Deployment behind a Service. */
export function isBatch(spec: Pick<ServiceSpec, "template">): boolean {
  return spec.template === "batch-job";
}
