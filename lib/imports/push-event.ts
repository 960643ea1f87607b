import { z } from "zod";
import type { ForgejoPort } from "@/lib/git/forgejo-port";
import { syncBackstageRepo } from "./backstage-sync";

// The part of Forgejo's/Gitea's `push` webhook payload the Backstage import needs.
export const pushEventSchema = z.object({
  ref: z.string().min(1),
  after: z.string().optional(),
  repository: z.object({
    name: z.string().min(1),
    default_branch: z.string().optional(),
    owner: z.object({ login: z.string().optional(), username: z.string().optional() }),
  }),
});
export type PushEvent = z.infer<typeof pushEventSchema>;

export type PushOutcome =
  | { outcome: "ignored-repository" | "ignored-branch" }
  | {
      outcome: "imported";
      run: { id: string; created: number; updated: number; unchanged: number; failed: number; missing: number };
    };

/** Re-imports the repository's descriptors when its default branch moved in a watched organisation. */
export async function handlePushEvent(event: PushEvent, orgs: string[], forgejo: ForgejoPort): Promise<PushOutcome> {
  const owner = event.repository.owner.login ?? event.repository.owner.username ?? "";
  if (!orgs.some((o) => o.toLowerCase() === owner.toLowerCase())) return { outcome: "ignored-repository" };
  const branch = event.repository.default_branch ?? "main";
  if (event.ref !== `refs/heads/${branch}`) return { outcome: "ignored-branch" };
  const run = await syncBackstageRepo(forgejo, owner, event.repository.name, "push");
  const { id, created, updated, unchanged, failed, missing } = run;
  return { outcome: "imported", run: { id, created, updated, unchanged, failed, missing } };
}
