import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { CommitInfo, ForgejoPort } from "@/lib/git/forgejo-port";
import { diffRenderedManifests } from "@/lib/gitops/manifest-diff";
import { renderKustomization } from "@/lib/integrations/kustomize";
import type { GitopsSettings } from "./ports";
import type { ChangeProposal } from "./types";

/** What an approver reads besides the proposal itself: the app's commits and the manifest diff. */
export type ChangeReview = {
  commits: CommitInfo[];
  /** The commits are what the change takes away (a rollback to an older version). */
  commitsRemoved: boolean;
  /** Why no commits are listed (tags missing), or null. */
  commitsNote: string | null;
  /** The repository (and range) the commits are from. */
  commitsIn: string;
  /** Unified diff of the rendered overlay; "" when the rendered manifests do not change. */
  diff: string | null;
  diffError: string | null;
};

type Ports = { forgejo: ForgejoPort; gitops: GitopsSettings };

// Rendering twice with kustomize takes a moment; a proposal never changes, so its diff is kept.
const diffs = new Map<string, string>();
const CACHE_SIZE = 64;

// The app pipeline tags each release; both spellings are common.
const tagsOf = (version: string) => [version, `v${version}`];

type CommitsPart = Omit<ChangeReview, "diff" | "diffError" | "commitsIn">;

/** A branch promotion's commits: the GitOps repository's main has them, the environment's branch not yet. */
async function listCommitsToMerge(ports: Ports, p: ChangeProposal, merge: { head: string }): Promise<CommitsPart> {
  const { forgejo, gitops } = ports;
  const commits = await forgejo.listCommitsBetween(gitops.owner, gitops.repo, { head: merge.head, base: p.base });
  return { commits, commitsRemoved: false, commitsNote: commits.length ? null : "main has no commits to merge" };
}

async function listCommitsOfVersion(ports: Ports, p: ChangeProposal): Promise<CommitsPart> {
  const { owner, name } = p.appRepo;
  const { from, to } = p.version;
  if (!to) return { commits: [], commitsRemoved: false, commitsNote: "No version to compare" };
  if (from === to) return { commits: [], commitsRemoved: false, commitsNote: `The version stays ${to}` };
  const between = async (newer: string, older: string | null) => {
    for (const head of tagsOf(newer))
      for (const base of older ? tagsOf(older) : [null]) {
        const commits = await ports.forgejo.listCommitsBetween(owner, name, { head, base }).catch(() => []);
        if (commits.length > 0) return commits;
      }
    return [];
  };
  const added = await between(to, from);
  if (added.length > 0) return { commits: added, commitsRemoved: false, commitsNote: null };
  // Going back (a rollback): the commits between the two are the ones taken away.
  const removed = from ? await between(from, to) : [];
  if (removed.length > 0) return { commits: removed, commitsRemoved: true, commitsNote: null };
  const range = from ? `${from} and ${to}` : to;
  return {
    commits: [],
    commitsRemoved: false,
    commitsNote: `No commits found between the tags of ${range} in ${owner}/${name}`,
  };
}

/** Writes a service's GitOps files at `ref` (with `changes` applied) to a scratch dir and renders the overlay. */
async function renderOverlay(
  ports: Ports,
  p: ChangeProposal,
  changes: Record<string, string>,
  ref = p.base,
): Promise<string> {
  const { forgejo, gitops } = ports;
  const serviceDir = p.overlay.split("/overlays/")[0]!;
  const files = await forgejo.listFiles(gitops.owner, gitops.repo, serviceDir, ref);
  // A branch that does not carry the service yet renders as nothing: everything is added.
  if (files.length === 0 && ref !== p.base) throw new Error(`${serviceDir} is missing at ${ref.slice(0, 8)}`);
  if (files.length === 0) return "";
  const work = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-review-"));
  try {
    await Promise.all(
      files.map(async (file) => {
        const text = changes[file] ?? (await forgejo.readFile(gitops.owner, gitops.repo, file, ref)) ?? "";
        await fs.mkdir(path.dirname(path.join(work, file)), { recursive: true });
        await fs.writeFile(path.join(work, file), text);
      }),
    );
    return await renderKustomization(path.join(work, p.overlay), { cwd: work });
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

async function diffOf(ports: Ports, p: ChangeProposal): Promise<string> {
  const key = createHash("sha256")
    .update(JSON.stringify([ports.gitops.owner, ports.gitops.repo, p.base, p.overlay, p.changes, p.merge ?? null]))
    .digest("hex");
  const cached = diffs.get(key);
  if (cached !== undefined) return cached;
  const before = await renderOverlay(ports, p, {});
  // A branch promotion: main's overlay at its head, with the files the merge keeps from the branch.
  const after = await renderOverlay(ports, p, p.changes, p.merge?.head);
  const diff = diffRenderedManifests(p.overlay, before, after);
  diffs.set(key, diff);
  if (diffs.size > CACHE_SIZE) diffs.delete(diffs.keys().next().value as string);
  return diff;
}

/** The commits between the two versions in the app repository and the rendered manifest diff. */
export async function reviewChange(ports: Ports, p: ChangeProposal): Promise<ChangeReview> {
  const { gitops } = ports;
  const [commits, diff] = await Promise.all([
    p.merge ? listCommitsToMerge(ports, p, p.merge) : listCommitsOfVersion(ports, p),
    diffOf(ports, p).then(
      (d) => ({ diff: d, diffError: null }),
      (err: unknown) => ({ diff: null, diffError: err instanceof Error ? err.message : String(err) }),
    ),
  ]);
  const commitsIn = p.merge
    ? `${gitops.owner}/${gitops.repo} (on main, not yet on ${p.merge.branch})`
    : `${p.appRepo.owner}/${p.appRepo.name}`;
  return { ...commits, commitsIn, ...diff };
}
