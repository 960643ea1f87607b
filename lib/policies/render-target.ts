import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { renderKustomization } from "@/lib/integrations/kustomize";
import type { RunPorts } from "@/lib/runs/ports";
import { parseManifests } from "./parse-policy";
import type { K8sObject } from "./types";

/** The overlay as it would be after the change: the service's files from main, edited, then kustomize. */
export async function renderTargetOverlay(
  ports: Pick<RunPorts, "forgejo" | "gitops">,
  target: { serviceDir: string; overlayDir: string; edit: (files: Record<string, string>) => Record<string, string> },
): Promise<K8sObject[]> {
  const { forgejo, gitops } = ports;
  const files: Record<string, string> = {};
  for (const file of await forgejo.listFiles(gitops.owner, gitops.repo, target.serviceDir)) {
    const text = await forgejo.readFile(gitops.owner, gitops.repo, file);
    if (text !== null) files[file] = text;
  }
  const edited = { ...files, ...target.edit(files) };
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-gate-"));
  try {
    for (const [file, text] of Object.entries(edited)) {
      const dest = path.join(root, file);
      // Paths come from the repository listing; a `..` would leave the scratch directory.
      if (!dest.startsWith(root + path.sep)) continue;
      await fs.mkdir(path.dirname(dest), { recursive: true });
      await fs.writeFile(dest, text);
    }
    return parseManifests(await renderKustomization(path.join(root, target.overlayDir)));
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}
