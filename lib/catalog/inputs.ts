import { z } from "zod";

// API/form input shapes; client-safe so forms and route handlers share them.
export const identifierSchema = z
  .string()
  .min(1, "Required")
  .max(100, "At most 100 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "Letters, digits, '.', '_' and '-' only; must start with a letter or digit");

const relationDefSchema = z.object({
  title: z.string().max(200).optional(),
  target: identifierSchema,
  many: z.boolean().default(false),
  required: z.boolean().default(false),
});

const relationNameSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "Relation names are letters, digits and '_'");

// PostgreSQL's jsonb (audit log, properties) cannot hold U+0000; refuse it up front with a field error.
const jsonObjectSchema = z
  .record(z.string(), z.unknown())
  .refine((v) => !JSON.stringify(v).includes("\\u0000"), "Must not contain the NUL character (\\u0000)");

export const blueprintCreateSchema = z.object({
  identifier: identifierSchema,
  title: z.string().trim().min(1, "Required").max(200),
  icon: z.string().max(50).optional(),
  description: z.string().max(2000).optional(),
  schema: jsonObjectSchema.default({ type: "object", properties: {} }),
  relations: z.record(relationNameSchema, relationDefSchema).default({}),
});
export type BlueprintCreateInput = z.infer<typeof blueprintCreateSchema>;

export const blueprintUpdateSchema = blueprintCreateSchema.omit({ identifier: true }).partial();
export type BlueprintUpdateInput = z.infer<typeof blueprintUpdateSchema>;

const relationValueSchema = z.union([identifierSchema, z.array(identifierSchema), z.null()]);

export const entityCreateSchema = z.object({
  identifier: identifierSchema,
  title: z.string().trim().max(300).optional(),
  team: identifierSchema.nullable().optional(),
  properties: jsonObjectSchema.default({}),
  relations: z.record(z.string(), relationValueSchema).default({}),
});
export type EntityCreateInput = z.infer<typeof entityCreateSchema>;

// PATCH follows JSON merge-patch for properties: a key set to null is removed.
export const entityUpdateSchema = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  team: identifierSchema.nullable().optional(),
  properties: jsonObjectSchema.optional(),
  relations: z.record(z.string(), relationValueSchema).optional(),
});
export type EntityUpdateInput = z.infer<typeof entityUpdateSchema>;

export const listQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  sort: z.enum(["identifier", "title", "createdAt"]).default("identifier"),
  order: z.enum(["asc", "desc"]).default("asc"),
  team: identifierSchema.optional(),
});
export type ListQueryInput = z.infer<typeof listQuerySchema>;
