import type { RunContext } from "@/lib/runs/define-action";
import { applyPaas, toPaasSpec } from "../paas-create/paas-steps";
import type { PaasUpdateInput } from "./schema";

export async function executePaasUpdate(ctx: RunContext, input: PaasUpdateInput) {
  const entity = ctx.entity;
  if (!entity) throw new Error("paas-update needs the Paas it changes");
  const spec = toPaasSpec(entity.identifier, input);
  const { commit } = await applyPaas(ctx, spec, entity.team ?? "", "Update");
  return { paas: spec.name, commit };
}
