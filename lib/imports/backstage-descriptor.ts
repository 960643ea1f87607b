import { parseAllDocuments } from "yaml";
import { z } from "zod";
import { identifierSchema } from "@/lib/catalog/inputs";

// Backstage's catalog-info.yaml, read as far as Slipway maps it (see README "Importing what exists").
// Pure: parsing and mapping only; lib/imports/backstage-sync.ts writes the result.

export const BACKSTAGE_KINDS = ["Group", "User", "System", "Resource", "API", "Component"] as const;
export type BackstageKind = (typeof BACKSTAGE_KINDS)[number];

/** Backstage kind → Slipway blueprint; the order is the write order (owners and targets first). */
export const KIND_BLUEPRINT: Record<BackstageKind, string> = {
  Group: "team",
  User: "user",
  System: "system",
  Resource: "resource",
  API: "api",
  Component: "service",
};

const LANGUAGES: Record<string, string> = {
  java: "java",
  kotlin: "java",
  node: "node",
  nodejs: "node",
  javascript: "node",
  typescript: "node",
  go: "go",
  golang: "go",
  python: "python",
};

const refList = z.array(z.string()).optional();
const descriptorSchema = z.object({
  apiVersion: z.string().regex(/^backstage\.io\//, "apiVersion must be backstage.io/…"),
  kind: z.enum(BACKSTAGE_KINDS, { message: `kind must be one of ${BACKSTAGE_KINDS.join(", ")}` }),
  metadata: z.object({
    name: identifierSchema,
    title: z.string().max(300).optional(),
    description: z.string().max(500).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
    tags: z.array(z.string()).optional(),
    links: z.array(z.object({ url: z.string(), title: z.string().optional() })).optional(),
  }),
  spec: z
    .object({
      type: z.string().optional(),
      lifecycle: z.string().optional(),
      owner: z.string().optional(),
      system: z.string().optional(),
      dependsOn: refList,
      providesApis: refList,
      consumesApis: refList,
      memberOf: refList,
      profile: z.object({ displayName: z.string().optional(), email: z.string().optional() }).partial().optional(),
    })
    .passthrough()
    .default({}),
});
export type BackstageDescriptor = z.infer<typeof descriptorSchema>;

/** What one descriptor becomes: an entity of `blueprint`, with relations written after every entity exists. */
export type MappedEntity = {
  blueprint: string;
  identifier: string;
  title: string;
  team: string | null;
  properties: Record<string, unknown>;
  relations: Record<string, string[] | string | null>;
};

export type ParsedDocument = { index: number; entity: MappedEntity } | { index: number; error: string };

/** `component:default/cart` → { kind: "component", name: "cart" }; the kind defaults to `fallbackKind`. */
export function parseEntityRef(ref: string, fallbackKind: string): { kind: string; name: string } {
  const m = /^(?:([A-Za-z]+):)?(?:[A-Za-z0-9._-]+\/)?([A-Za-z0-9._-]+)$/.exec(ref.trim());
  if (!m) throw new Error(`"${ref}" is not an entity reference`);
  return { kind: (m[1] ?? fallbackKind).toLowerCase(), name: m[2] ?? "" };
}

function namesOfKind(refs: string[] | undefined, fallbackKind: string, kind: string): string[] {
  return (refs ?? [])
    .map((r) => parseEntityRef(r, fallbackKind))
    .filter((r) => r.kind === kind)
    .map((r) => r.name);
}

function languageOf(d: BackstageDescriptor): string | undefined {
  const explicit = d.metadata.annotations?.["slipway.io/language"];
  if (explicit) return LANGUAGES[explicit.toLowerCase()] ?? explicit;
  for (const tag of d.metadata.tags ?? []) if (LANGUAGES[tag.toLowerCase()]) return LANGUAGES[tag.toLowerCase()];
  return undefined;
}

const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Maps a valid descriptor; throws with the reason when it cannot be represented. */
export function mapDescriptor(d: BackstageDescriptor, repositoryUrl?: string): MappedEntity {
  const { metadata: md, spec } = d;
  const owner = spec.owner ? parseEntityRef(spec.owner, "group") : null;
  if (owner && owner.kind !== "group") throw new Error(`spec.owner must be a group, not ${owner.kind}:${owner.name}`);
  const common = defined({
    description: md.description,
    annotations: md.annotations && Object.keys(md.annotations).length > 0 ? md.annotations : undefined,
    tags: md.tags && md.tags.length > 0 ? md.tags : undefined,
    links: md.links && md.links.length > 0 ? md.links : undefined,
  });
  const base = { identifier: md.name, title: md.title ?? md.name, team: owner?.name ?? null };
  const system = spec.system ? parseEntityRef(spec.system, "system").name : null;
  switch (d.kind) {
    case "Component": {
      const language = languageOf(d);
      if (!language)
        throw new Error("no language: add a tag (java, node, go, python) or the annotation slipway.io/language");
      return {
        ...base,
        blueprint: "service",
        properties: defined({
          ...common,
          language,
          lifecycle: spec.lifecycle,
          component_type: spec.type,
          repository: repositoryUrl,
        }),
        relations: {
          dependsOn: namesOfKind(spec.dependsOn, "component", "component"),
          resources: namesOfKind(spec.dependsOn, "component", "resource"),
          providesApis: namesOfKind(spec.providesApis, "api", "api"),
          consumesApis: namesOfKind(spec.consumesApis, "api", "api"),
          system,
        },
      };
    }
    case "API":
    case "Resource":
      return {
        ...base,
        blueprint: KIND_BLUEPRINT[d.kind],
        properties: defined({ ...common, type: spec.type, lifecycle: spec.lifecycle }),
        relations: { system },
      };
    case "System":
      return { ...base, blueprint: "system", properties: common, relations: {} };
    case "Group":
      return {
        ...base,
        title: spec.profile?.displayName ?? base.title,
        team: null,
        blueprint: "team",
        properties: common,
        relations: {},
      };
    case "User":
      return {
        ...base,
        title: spec.profile?.displayName ?? base.title,
        team: null,
        blueprint: "user",
        properties: defined({ ...common, email: spec.profile?.email }),
        relations: { memberOf: namesOfKind(spec.memberOf, "group", "group") },
      };
    default: {
      const unreachable: never = d.kind;
      return unreachable;
    }
  }
}

function describeZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "descriptor"}: ${i.message}`).join("; ");
}

/** Every YAML document of a catalog-info.yaml, each mapped or with the reason it cannot be. */
export function parseCatalogInfo(text: string, repositoryUrl?: string): ParsedDocument[] {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const out: ParsedDocument[] = [];
  list.forEach((doc, index) => {
    const [yamlError] = doc.errors;
    if (yamlError) return out.push({ index, error: `YAML: ${yamlError.message.split("\n")[0]}` });
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return;
    const parsed = descriptorSchema.safeParse(value);
    if (!parsed.success) return out.push({ index, error: describeZodError(parsed.error) });
    try {
      out.push({ index, entity: mapDescriptor(parsed.data, repositoryUrl) });
    } catch (error) {
      out.push({ index, error: error instanceof Error ? error.message : String(error) });
    }
  });
  return out;
}
