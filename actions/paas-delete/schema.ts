import { z } from "zod";

export const paasDeleteInput = z.object({
  confirm: z.string().trim().meta({ title: "Confirm", description: "Type the Paas name to confirm" }),
});
export type PaasDeleteInput = z.infer<typeof paasDeleteInput>;
