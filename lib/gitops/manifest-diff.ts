import { createTwoFilesPatch } from "diff";

/**
 * A unified diff of an overlay rendered before and after a change (`diff` computes it; the approver
 * page renders it with diff2html). Empty when nothing in the rendered manifests changes.
 */
export function diffRenderedManifests(overlay: string, before: string, after: string): string {
  if (before === after) return "";
  return createTwoFilesPatch(`${overlay} (now)`, `${overlay} (after)`, before, after, undefined, undefined, {
    context: 4,
  });
}
