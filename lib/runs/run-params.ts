import { z } from "zod";

export const runParams = z.object({ run: z.uuid("Not a run id") });
