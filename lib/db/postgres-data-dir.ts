import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { EmbeddedPostgresError, postgresCan, type PgIds } from "./postgres-user";

/** Where clusters live whose configured data dir the postgres user cannot reach. */
export const RELOCATED_DATA = "/var/lib/slipway";

/**
 * The directory PostgreSQL keeps `dataDir`'s cluster in. Normally `dataDir` itself. As root, when
 * the postgres user cannot enter its parent (a checkout under /root, or any mode-700 directory),
 * the cluster lives under /var/lib/slipway and `dataDir` becomes a symlink to it: deleting the data
 * dir still means a fresh database next time, and the link says where the data went.
 */
export async function placeDataDir(
  dataDir: string,
  ids: PgIds | null,
  log?: (line: string) => void,
  where = { root: RELOCATED_DATA, canEnter: (dir: string) => postgresCan(ids, "-x", dir) },
): Promise<string> {
  const configured = path.resolve(dataDir);
  const parent = path.dirname(configured);
  await fs.mkdir(parent, { recursive: true });
  const link = await fs.lstat(configured).catch(() => null);
  if (link?.isSymbolicLink()) {
    const target = path.resolve(parent, await fs.readlink(configured));
    log?.(`PostgreSQL data for ${configured} lives in ${target} (the postgres user cannot enter ${parent})`);
    return target;
  }
  if (where.canEnter(parent)) return configured;
  if (existsSync(path.join(configured, "PG_VERSION")))
    throw new EmbeddedPostgresError(
      `The postgres user cannot enter ${parent}, where the existing database ${configured} is; ` +
        `move it to a directory that user can enter and set SLIPWAY_DATA_DIR, or set DATABASE_URL`,
    );
  const key = createHash("sha256").update(configured).digest("hex").slice(0, 12);
  const target = path.join(where.root, `postgres-${key}`);
  try {
    await fs.mkdir(where.root, { recursive: true, mode: 0o755 });
    // No link means the data dir was deleted: what was left here belonged to it.
    await fs.rm(target, { recursive: true, force: true });
    await fs.rm(configured, { recursive: true, force: true });
    await fs.symlink(target, configured);
  } catch (e) {
    throw new EmbeddedPostgresError(
      `The postgres user cannot enter ${parent} and keeping the data in ${where.root} failed (${String(e)}); ` +
        "set SLIPWAY_DATA_DIR to a directory that user can enter, or DATABASE_URL",
    );
  }
  log?.(`PostgreSQL data for ${configured} lives in ${target} (the postgres user cannot enter ${parent})`);
  return target;
}
