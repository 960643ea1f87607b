import { z } from "zod";
import { createDnsLabelSchema } from "@/lib/gitops/service-spec";
import { paasCapabilities } from "@/lib/paas/paas-plan";
import { isQuantity } from "@/lib/paas/quantity";

// A Paas as opr-paas describes it: capabilities on/off, extra namespaces and one quota shared by the
// main and extra namespaces. Client-safe: the form is generated from this schema.

const quantity = (example: string) =>
  z
    .string()
    .trim()
    .refine(isQuantity, `Not a Kubernetes quantity (e.g. ${example})`)
    .describe(`A Kubernetes quantity, e.g. ${example}`);

export const paasSettingsInput = z.object({
  capabilities: z
    .array(z.enum(paasCapabilities))
    .default([])
    .refine((c) => new Set(c).size === c.length, "Each capability once")
    .describe("Capabilities enabled for this Paas; each gets its own namespace and quota")
    // The form shows a set of choices (a multi-select) rather than a list of dropdowns.
    .meta({ uniqueItems: true, title: "Capabilities" }),
  namespaces: z
    .array(createDnsLabelSchema("namespace", 20))
    .default([])
    .refine((n) => new Set(n).size === n.length, "Each namespace once")
    .meta({ title: "Extra namespaces", description: "Extra namespaces (<paas>-<namespace>), sharing the Paas quota" }),
  cpu_quota: quantity("42 or 500m").meta({
    title: "CPU quota",
    description: "limits.cpu of the Paas quota, e.g. 42 or 500m",
  }),
  memory_quota: quantity("11Gi").meta({
    title: "Memory quota",
    description: "limits.memory of the Paas quota, e.g. 11Gi",
  }),
  storage_quota: quantity("13Gi").meta({
    title: "Storage quota",
    description: "requests.storage of the Paas quota, e.g. 13Gi",
  }),
});

export const paasCreateInput = z
  .object({
    name: createDnsLabelSchema("The Paas name", 30).meta({
      title: "Paas name",
      description: "The main namespace and quota carry it",
    }),
    team: createDnsLabelSchema("The team", 40).meta({
      title: "Requesting team",
      description: "The team the Paas is for",
    }),
  })
  .extend(paasSettingsInput.shape);

export type PaasSettingsInput = z.infer<typeof paasSettingsInput>;
export type PaasCreateInput = z.infer<typeof paasCreateInput>;
