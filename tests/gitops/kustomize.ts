import fs from "node:fs/promises";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { renderKustomization } from "@/lib/integrations/kustomize";

export async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, content);
  }
}

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
};

/** The real kustomize, found as the portal finds it: a missing binary fails the test, by design. */
export async function runKustomize(dir: string): Promise<K8sObject[]> {
  return parseManifests(await renderKustomization(dir));
}

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`kustomize printed invalid YAML: ${doc.errors[0]?.message}`);
    const value = doc.toJS() as K8sObject | null;
    return value ? [value] : [];
  });
}
