import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { notificationTriggers } from "@/lib/gitops";
import { argocdEventSchema } from "./argocd-event";

// What ArgoCD would render for each template expression, by the field it fills.
const sample: Record<string, string> = {
  entity: "deployment/cart-dev",
  status: "Healthy",
  sync_status: "Synced",
  observedAt: "2026-11-22T10:00:00Z",
  last_sync: "2026-11-22T10:00:00Z",
  degraded_at: "2026-11-22T10:00:00Z",
  deployed_at: "2026-11-22T10:00:00Z",
};

const cm = parse(fs.readFileSync("deploy/argocd/notifications-cm.yaml", "utf8")) as { data: Record<string, string> };

describe("deploy/argocd/notifications-cm.yaml", () => {
  const templates = Object.entries(cm.data).filter(([k]) => k.startsWith("template."));

  it("has a trigger for every subscription Slipway writes on its Applications", () => {
    for (const t of notificationTriggers) expect(cm.data[`trigger.${t}`], t).toBeDefined();
  });

  it.each(templates)("%s renders to a body the webhook accepts", (_name, template) => {
    const body = (parse(template) as { webhook: { slipway: { body: string } } }).webhook.slipway.body;
    // Replace each template expression with the sample for the JSON key it sits under.
    const rendered = body.replace(
      /"(\w+)": "([^"\n]*\{\{.*?\}\}[^"\n]*)"/g,
      (_m, key: string) => `"${key}": "${sample[key] ?? "x"}"`,
    );
    const result = argocdEventSchema.safeParse(JSON.parse(rendered));
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });
});
