import type { RunContext } from "@/lib/runs/define-action";
import { commitWithRetry } from "./gitops-repo";

/**
 * One commit to main changing some of an overlay's files (`edit` gets the current text of each and
 * returns the new text). A retried run whose change already landed commits nothing and returns the head.
 */
export async function commitOverlayChange(
  ctx: RunContext,
  paths: string[],
  edit: (current: Record<string, string>) => Record<string, string>,
  message: string,
) {
  const { forgejo, gitops } = ctx.ports;
  let written: Record<string, string> = {};
  const commit = await commitWithRetry(forgejo, gitops, async (head) => {
    const current: Record<string, string> = {};
    for (const p of paths) {
      const text = await forgejo.readFile(gitops.owner, gitops.repo, p, head ?? undefined);
      if (text === null) throw new Error(`${p} is missing from the GitOps repository`);
      current[p] = text;
    }
    const next = edit(current);
    written = next;
    const changes = Object.entries(next)
      .filter(([p, text]) => current[p] !== text)
      .map(([path, content]) => ({ path, content }));
    return changes.length === 0 ? null : { message, changes };
  });
  // `files`: the overlay's content after this change, which a rollout must carry to count as ours.
  return {
    sha: commit.sha,
    htmlUrl:
      commit.htmlUrl || `${(await forgejo.getRepo(gitops.owner, gitops.repo))?.htmlUrl ?? ""}/commit/${commit.sha}`,
    files: written,
  };
}
