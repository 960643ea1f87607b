import { gitRaw, openRepo, resolveRef, type SandboxContext } from "./sandbox-repo";

export type ChangedFile = {
  path: string;
  status: "added" | "modified" | "deleted" | "renamed";
  lines: string[];
  truncated: boolean;
};

// A scaffold commit adds a few dozen files; anything much bigger is cut so the page stays usable.
const MAX_LINES_PER_FILE = 400;

function statusOf(header: string): ChangedFile["status"] {
  if (/^new file mode/m.test(header)) return "added";
  if (/^deleted file mode/m.test(header)) return "deleted";
  if (/^rename from/m.test(header)) return "renamed";
  return "modified";
}

/** Splits `git show -p` output into one entry per file, keeping the hunks (from the first `@@`). */
export function parseCommitPatch(patch: string): ChangedFile[] {
  const files: ChangedFile[] = [];
  for (const chunk of patch.split(/^(?=diff --git )/m)) {
    const head = /^diff --git a\/(.+?) b\/(.+)$/m.exec(chunk);
    if (!head) continue;
    const hunkAt = chunk.search(/^@@/m);
    const header = hunkAt < 0 ? chunk : chunk.slice(0, hunkAt);
    const body = hunkAt < 0 ? [] : chunk.slice(hunkAt).replace(/\n$/, "").split("\n");
    const status = statusOf(header);
    files.push({
      path: status === "deleted" ? head[1]! : head[2]!,
      status,
      lines: body.slice(0, MAX_LINES_PER_FILE),
      truncated: body.length > MAX_LINES_PER_FILE,
    });
  }
  return files;
}

/** The files a commit changed, with their unified diff against its first parent (everything, for a root commit). */
export async function readSandboxCommitDiff(
  ctx: SandboxContext,
  owner: string,
  name: string,
  ref: string,
): Promise<ChangedFile[] | null> {
  const repo = await openRepo(ctx, owner, name);
  const sha = await resolveRef(repo, ref);
  if (!sha) return null;
  const result = await gitRaw(repo, [
    "show",
    "--format=",
    "--no-color",
    "--patch",
    "--root",
    "-M",
    "--first-parent",
    sha,
  ]);
  return result.code === 0 ? parseCommitPatch(result.stdout) : null;
}
