import type { RunContext } from "@/lib/runs/define-action";
import { applyPaas, toPaasSpec } from "./paas-steps";
import type { PaasCreateInput } from "./schema";

export async function executePaasCreate(ctx: RunContext, input: PaasCreateInput) {
  const spec = toPaasSpec(input.name, input);
  const { commit } = await applyPaas(ctx, spec, input.team, "Create");
  return { paas: spec.name, commit };
}
