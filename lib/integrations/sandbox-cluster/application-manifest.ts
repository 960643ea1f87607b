import { createHash, randomUUID } from "node:crypto";
import { parse } from "yaml";
import { z } from "zod";
import { InvalidManifestError } from "@/lib/cluster/cluster-port";
import { isApplicationName } from "./state-store";
import type { StoredApplication } from "./state-types";

// What the sandbox reads of an Application. Unknown fields are kept in the stored manifest and
// otherwise ignored, as ArgoCD ignores what it does not know.
const applicationSchema = z.object({
  apiVersion: z.literal("argoproj.io/v1alpha1", "must be argoproj.io/v1alpha1"),
  kind: z.literal("Application", "must be Application"),
  metadata: z.object({
    name: z.string(),
    namespace: z.string().optional(),
    annotations: z.record(z.string(), z.string().nullable()).optional(),
  }),
  spec: z.object({
    source: z.object({
      repoURL: z.string().min(1),
      path: z.string().default(""),
      targetRevision: z.string().min(1).default("HEAD"),
    }),
    destination: z.object({ server: z.string().optional(), namespace: z.string().optional() }),
    syncPolicy: z
      .object({ automated: z.object({}).passthrough().nullable().optional() })
      .passthrough()
      .optional(),
    revisionHistoryLimit: z.number().int().min(0).optional(),
  }),
});

/** ArgoCD's default for spec.revisionHistoryLimit. */
const defaultHistoryLimit = 10;

function parseManifestObject(name: string, manifest: string): unknown {
  try {
    return parse(manifest);
  } catch (error) {
    throw new InvalidManifestError(`Application manifest for ${name} is not valid YAML: ${(error as Error).message}`);
  }
}

/**
 * Validates an Application manifest and returns the stored record for it. `previous` is the
 * record already stored under the name: its uid is kept and its generation bumped on change.
 */
export function toStoredApplication(
  name: string,
  manifest: string,
  namespace: string,
  previous: StoredApplication | null,
): StoredApplication {
  if (!isApplicationName(name))
    throw new InvalidManifestError(`"${name}" is not a valid Application name (lowercase DNS subdomain)`);
  const doc = parseManifestObject(name, manifest);
  if (!doc || typeof doc !== "object" || Array.isArray(doc))
    throw new InvalidManifestError(`Application manifest for ${name} is not an object`);
  const parsed = applicationSchema.safeParse(doc);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "manifest"}: ${i.message}`).join("; ");
    throw new InvalidManifestError(`Manifest for ${name} is not an argoproj.io/v1alpha1 Application: ${issues}`);
  }
  const app = parsed.data;
  if (app.metadata.name !== name)
    throw new InvalidManifestError(`Manifest names Application ${app.metadata.name}, expected ${name}`);
  if (app.metadata.namespace !== undefined && app.metadata.namespace !== namespace) {
    throw new InvalidManifestError(
      `Application ${name} is for namespace ${app.metadata.namespace}, ArgoCD watches ${namespace}`,
    );
  }
  const digest = createHash("sha256").update(JSON.stringify(doc)).digest("hex");
  const unchanged = previous?.digest === digest;
  return {
    uid: previous?.uid ?? randomUUID(),
    generation: previous ? previous.generation + (unchanged ? 0 : 1) : 1,
    createdAt: previous?.createdAt ?? new Date().toISOString(),
    name,
    namespace,
    entity: app.metadata.annotations?.["slipway.io/entity"] || null,
    source: app.spec.source,
    destination: { server: app.spec.destination.server ?? null, namespace: app.spec.destination.namespace ?? null },
    automated: Boolean(app.spec.syncPolicy?.automated),
    historyLimit: app.spec.revisionHistoryLimit ?? defaultHistoryLimit,
    digest,
    manifest,
  };
}
