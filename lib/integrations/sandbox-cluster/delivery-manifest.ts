import { createHash, randomUUID } from "node:crypto";
import { parseAllDocuments } from "yaml";
import { z } from "zod";
import { InvalidManifestError } from "@/lib/cluster/cluster-port";
import { isApplicationName } from "./state-store";
import type { StoredApplication } from "./state-types";

// What the sandbox reads of a Flux delivery (GitRepository + Kustomization of one name). Like the
// Application's reader, unknown fields are kept in the stored manifest and otherwise ignored.

const metadataSchema = z.object({
  name: z.string(),
  namespace: z.string().optional(),
  annotations: z.record(z.string(), z.string().nullable()).optional(),
});

const gitRepositorySchema = z.object({
  apiVersion: z.literal("source.toolkit.fluxcd.io/v1", "must be source.toolkit.fluxcd.io/v1"),
  kind: z.literal("GitRepository"),
  metadata: metadataSchema,
  spec: z.object({
    url: z.string().min(1),
    ref: z
      .object({ branch: z.string().optional(), tag: z.string().optional(), commit: z.string().optional() })
      .optional(),
  }),
});

const kustomizationSchema = z.object({
  apiVersion: z.literal("kustomize.toolkit.fluxcd.io/v1", "must be kustomize.toolkit.fluxcd.io/v1"),
  kind: z.literal("Kustomization"),
  metadata: metadataSchema,
  spec: z.object({
    sourceRef: z.object({ kind: z.literal("GitRepository"), name: z.string() }),
    path: z.string().default("./"),
    targetNamespace: z.string().optional(),
    suspend: z.boolean().optional(),
  }),
});

const eventPrefix = "event.toolkit.fluxcd.io/";

function parseDocuments(name: string, manifest: string): unknown[] {
  const docs = parseAllDocuments(manifest);
  if (!Array.isArray(docs)) throw new InvalidManifestError(`Flux manifest for ${name} is empty`);
  const bad = docs.find((d) => d.errors.length > 0);
  if (bad) throw new InvalidManifestError(`Flux manifest for ${name} is not valid YAML: ${bad.errors[0]!.message}`);
  return docs.map((d) => d.toJS() as unknown).filter((d) => d !== null);
}

function pick<T extends z.ZodType>(schema: T, docs: unknown[], kind: string, name: string): z.output<T> {
  const doc = docs.find((d) => (d as { kind?: unknown } | null)?.kind === kind);
  if (!doc) throw new InvalidManifestError(`Flux manifest for ${name} has no ${kind}`);
  const parsed = schema.safeParse(doc);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "manifest"}: ${i.message}`).join("; ");
    throw new InvalidManifestError(`The ${kind} for ${name} is not valid: ${issues}`);
  }
  const named = parsed.data as { metadata: { name: string } };
  if (named.metadata.name !== name)
    throw new InvalidManifestError(`Manifest names ${kind} ${named.metadata.name}, expected ${name}`);
  return parsed.data;
}

/** Validates a delivery's manifest and returns the record the simulator reconciles, like toStoredApplication. */
export function toStoredDelivery(
  name: string,
  manifest: string,
  namespace: string,
  previous: StoredApplication | null,
): StoredApplication {
  if (!isApplicationName(name))
    throw new InvalidManifestError(`"${name}" is not a valid Kustomization name (lowercase DNS subdomain)`);
  const docs = parseDocuments(name, manifest);
  const source = pick(gitRepositorySchema, docs, "GitRepository", name);
  const kustomization = pick(kustomizationSchema, docs, "Kustomization", name);
  if (kustomization.spec.sourceRef.name !== name)
    throw new InvalidManifestError(`Kustomization ${name} must reference GitRepository ${name}`);
  for (const doc of [source, kustomization])
    if (doc.metadata.namespace !== undefined && doc.metadata.namespace !== namespace)
      throw new InvalidManifestError(
        `${doc.kind} ${name} is for namespace ${doc.metadata.namespace}, Flux runs in ${namespace}`,
      );
  const annotations = kustomization.metadata.annotations ?? {};
  const eventMetadata = Object.fromEntries(
    Object.entries(annotations)
      .filter(([k, v]) => k.startsWith(eventPrefix) && v)
      .map(([k, v]) => [k.slice(eventPrefix.length), v as string]),
  );
  const ref = source.spec.ref ?? {};
  const digest = createHash("sha256").update(JSON.stringify(docs)).digest("hex");
  return {
    uid: previous?.uid ?? randomUUID(),
    generation: previous ? previous.generation + (previous.digest === digest ? 0 : 1) : 1,
    createdAt: previous?.createdAt ?? new Date().toISOString(),
    name,
    namespace,
    entity: annotations["slipway.io/entity"] || null,
    source: {
      repoURL: source.spec.url,
      path: kustomization.spec.path.replace(/^\.\//, "").replace(/^\.$/, ""),
      targetRevision: ref.commit ?? ref.tag ?? ref.branch ?? "master",
    },
    destination: { server: null, namespace: kustomization.spec.targetNamespace ?? null },
    automated: !kustomization.spec.suspend,
    historyLimit: 10,
    digest,
    manifest,
    flux: { eventMetadata },
  };
}
