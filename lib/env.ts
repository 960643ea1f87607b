import { z } from "zod";

// The only module that reads process.env: every setting is declared, defaulted and validated here.
const boolish = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  SLIPWAY_DATA_DIR: z.string().min(1).default(".slipway"),
  SLIPWAY_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  SLIPWAY_SEED_DEMO: boolish.default(true),
  SLIPWAY_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  SLIPWAY_WORKER: boolish.default(true),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as unset so `FOO= npm start` behaves like leaving FOO out.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid Slipway configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

// Child processes (web, worker) inherit the parent's environment plus what the launcher decided.
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
