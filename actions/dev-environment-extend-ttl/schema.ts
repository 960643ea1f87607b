import { z } from "zod";
import { ttlSchema } from "../dev-environment-create/schema";

export const devEnvironmentExtendTtlInput = z.object({
  extend_by: ttlSchema.meta({ title: "Extend by", description: "Added to the current expiry, e.g. 4h or 1d" }),
});
export type DevEnvironmentExtendTtlInput = z.infer<typeof devEnvironmentExtendTtlInput>;
