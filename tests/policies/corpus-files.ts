import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseManifests } from "@/lib/policies/parse-policy";
import type { K8sObject, NamespaceLabels } from "@/lib/policies/types";

// The policy corpus (scripts/policies/make-corpus.ts writes it): rendered bundles and the labels of
// the namespaces they deploy to.
export const CORPUS_DIR = path.resolve(process.cwd(), "tests/policies/corpus");

export const NAMESPACE_LABELS: NamespaceLabels = {
  "backend-team-prod": { environment: "prod" },
  "payment-prod": { environment: "prod", "pci-zone": "true" },
  "records-prod": { environment: "prod", "phi-enabled": "true" },
};

export type CorpusEntry = { id: string; file: string; objects: K8sObject[] };

export function readCorpus(): CorpusEntry[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => {
      const file = path.join(CORPUS_DIR, f);
      return { id: f.replace(/\.yaml$/, ""), file, objects: parseManifests(readFileSync(file, "utf8")) };
    });
}
