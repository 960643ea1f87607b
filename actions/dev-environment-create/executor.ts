import { provisionDevEnvironment } from "@/lib/dev-environments/provision";
import { parseTtl } from "@/lib/dev-environments/ttl";
import type { RunContext } from "@/lib/runs/define-action";
import { ensureGitopsRepo } from "../gitops-repo";
import type { DevEnvironmentCreateInput } from "./schema";

export async function executeDevEnvironmentCreate(ctx: RunContext, input: DevEnvironmentCreateInput) {
  // A checkpoint, so a resumed run keeps the expiry it started with.
  const expiresAt = await ctx.step("expiry", async () => new Date(Date.now() + parseTtl(input.ttl)!).toISOString());
  const repo = await ctx.step("ensure-gitops-repo", () => ensureGitopsRepo(ctx.ports.forgejo, ctx.ports.gitops));
  const result = await provisionDevEnvironment(
    ctx.ports,
    {
      name: input.name,
      team: input.team,
      owner: input.owner ?? ctx.actor.email,
      template: input.template,
      branch: input.branch,
      ttl: input.ttl,
      expiresAt,
      services: input.services.map((s) => (s.image ? s : { ...s, branch: s.branch ?? input.branch })),
      databases: input.databases,
      resources: input.resources,
    },
    repo.cloneUrl,
    ctx.step,
  );
  await ctx.link({ kind: "environment", url: result.url, title: input.name });
  return { url: result.url, expires_at: expiresAt, namespace: result.namespace };
}
