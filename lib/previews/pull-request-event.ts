import { z } from "zod";

// The part of Forgejo's/Gitea's `pull_request` webhook payload previews need.
export const pullRequestEventSchema = z.object({
  action: z.string(),
  number: z.number().int().positive(),
  pull_request: z.object({
    number: z.number().int().positive(),
    html_url: z.string(),
    state: z.string(),
    merged: z.boolean().optional(),
    updated_at: z.string().refine((s) => !Number.isNaN(Date.parse(s)), "not a date"),
    head: z.object({ ref: z.string().min(1), sha: z.string().optional() }),
    user: z
      .object({ login: z.string().optional(), username: z.string().optional(), email: z.string().optional() })
      .optional(),
  }),
  repository: z.object({
    name: z.string().min(1),
    full_name: z.string().min(1),
    html_url: z.string().optional(),
    owner: z.object({ login: z.string().optional(), username: z.string().optional() }),
  }),
});
export type PullRequestEvent = z.infer<typeof pullRequestEventSchema>;

/** Opened, new commits pushed (Gitea/Forgejo say "synchronized"), reopened: the preview follows the head. */
export const previewActions = new Set(["opened", "reopened", "synchronized", "synchronize"]);
export const closeActions = new Set(["closed"]);
