import { createTwoFilesPatch } from "diff";

/**
 * A unified diff of an overlay rendered before and after a change (`diff` computes it; the approver
 * page renders it with diff2html). Empty when nothing in the rendered manifests changes.
 */
export function diffRenderedManifests(overlay: string, before: string, after: string): string {
  if (before === after) return "";
  // One name on both sides: the same overlay, rendered now and as it would be after the change.
  const name = `${overlay} (kustomize build)`;
  // No headers: diff2html reads a header as part of the name and would call the file renamed.
  return createTwoFilesPatch(name, name, before, after, undefined, undefined, { context: 4 });
}
