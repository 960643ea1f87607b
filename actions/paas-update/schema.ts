import type { z } from "zod";
import { paasSettingsInput } from "../paas-create/schema";

// The whole desired state of the Paas (what is left out of capabilities/namespaces is removed).
export const paasUpdateInput = paasSettingsInput;
export type PaasUpdateInput = z.infer<typeof paasUpdateInput>;
