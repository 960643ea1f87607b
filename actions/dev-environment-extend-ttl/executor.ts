import type { RunContext } from "@/lib/runs/define-action";
import { newExpiry } from "./new-expiry";
import type { DevEnvironmentExtendTtlInput } from "./schema";

export async function executeDevEnvironmentExtendTtl(ctx: RunContext, input: DevEnvironmentExtendTtlInput) {
  const entity = ctx.entity;
  if (!entity) throw new Error("dev-environment-extend-ttl needs the environment it extends");
  // Computed once: a resumed run does not extend twice.
  const expiresAt = await ctx.step("expiry", async () =>
    newExpiry(entity.properties.expires_at, input.extend_by, Date.now()),
  );
  await ctx.step("record", () =>
    ctx.ports.catalog.patchProperties("dev-environment", entity.identifier, { expires_at: expiresAt }),
  );
  await ctx.step("activity", () =>
    ctx.ports.catalog.recordActivity("dev-environment", entity.identifier, {
      kind: "extend-ttl",
      message: `Time to live extended by ${input.extend_by}: now expires ${expiresAt}`,
    }),
  );
  return { expires_at: expiresAt };
}
