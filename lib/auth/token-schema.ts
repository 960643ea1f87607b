import { z } from "zod";

// Client-safe: the token form and the API share these.
export const SCOPES = ["read", "write", "actions"] as const;
export type Scope = (typeof SCOPES)[number];

export const tokenCreateSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name").max(80),
  scopes: z
    .array(z.enum(SCOPES))
    .min(1, "Pick at least one scope")
    .transform((s) => [...new Set(s)]),
  expiresInDays: z.number().int().min(1).max(366).optional(),
});
export type TokenCreateInput = z.infer<typeof tokenCreateSchema>;

export type ApiToken = {
  id: string;
  name: string;
  scopes: Scope[];
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};
