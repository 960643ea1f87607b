import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { PullRequest } from "@/lib/git/forgejo-port";
import { type SandboxRepo } from "./sandbox-repo";
import { sleep } from "@/lib/sleep";

// What the JSON file keeps: the domain pull request without its URL (derived), plus merge bookkeeping.
export type StoredPull = Omit<PullRequest, "htmlUrl"> & {
  /** Set just before the base branch moves, so a merge interrupted after update-ref can be recognised. */
  pendingMergeSha: string | null;
  createdAt: string;
  mergedAt: string | null;
  /** The conversation (absent in files written before comments existed). */
  comments?: { id: number; body: string; author: string; createdAt: string }[];
};

export type PullFile = { nextNumber: number; pulls: StoredPull[] };

const LOCK_STALE_MS = 30_000;
const LOCK_TIMEOUT_MS = 15_000;

// Inside the bare repository (git ignores unknown files there), so deleting the repo deletes its PRs.
const storeDir = (repo: SandboxRepo) => path.join(repo.gitDir, "slipway");
const storeFile = (repo: SandboxRepo) => path.join(storeDir(repo), "pulls.json");

export async function readPulls(repo: SandboxRepo): Promise<PullFile> {
  try {
    return JSON.parse(await fs.readFile(storeFile(repo), "utf8")) as PullFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { nextNumber: 1, pulls: [] };
    throw error;
  }
}

/** Readers never see a partial file: write a temp file next to it, then rename over it. */
export async function writePulls(repo: SandboxRepo, data: PullFile): Promise<void> {
  await fs.mkdir(storeDir(repo), { recursive: true });
  const tmp = `${storeFile(repo)}.${randomUUID()}.tmp`;
  await fs.writeFile(tmp, `${JSON.stringify(data, null, 2)}\n`);
  await fs.rename(tmp, storeFile(repo));
}

/**
 * Cross-process mutual exclusion (web and worker both write) with an O_EXCL lock file. A lock older
 * than LOCK_STALE_MS belongs to a crashed process and is broken.
 */
async function acquireLock(repo: SandboxRepo): Promise<() => Promise<void>> {
  await fs.mkdir(storeDir(repo), { recursive: true });
  const lock = path.join(storeDir(repo), "pulls.lock");
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await fs.open(lock, "wx");
      await handle.close();
      return () => fs.rm(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const stat = await fs.stat(lock).catch(() => null);
      if (stat && Date.now() - stat.mtimeMs > LOCK_STALE_MS) await fs.rm(lock, { force: true });
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for the pull request lock of ${repo.owner}/${repo.name}`);
      await sleep(Math.min(5 * 2 ** attempt, 100));
    }
  }
}

/** Read-modify-write under the lock; `update` returns the new file content (or null to keep it) and a result. */
export async function updatePulls<T>(
  repo: SandboxRepo,
  update: (data: PullFile) => Promise<{ data: PullFile | null; result: T }>,
): Promise<T> {
  const release = await acquireLock(repo);
  try {
    const { data, result } = await update(await readPulls(repo));
    if (data) await writePulls(repo, data);
    return result;
  } finally {
    await release();
  }
}
