import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { StoredApplication, SimStatus, SyncRequest } from "./state-types";

// Layout under the cluster root (see state-types.ts for who writes what):
//   applications/<name>.json   operations/<name>.json   status/<name>.json   simulator-lease.json
//   flux/{applications,status}/<name>.json: Flux deliveries (GitRepository + Kustomization), same records

/** DNS-1123 subdomain: also keeps every name a plain file name (no "/", no ".."). */
const namePattern = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export const isApplicationName = (name: string) => namePattern.test(name) && !name.includes("..");

export type StateStore = ReturnType<typeof createStateStore>;

/** Flux deliveries: a store of their own (same layout) under the cluster root. */
export const getFluxRoot = (root: string) => path.join(root, "flux");

export function createStateStore(root: string) {
  const dirs = {
    applications: path.join(root, "applications"),
    operations: path.join(root, "operations"),
    status: path.join(root, "status"),
  };
  const fileOf = (dir: keyof typeof dirs, name: string) => path.join(dirs[dir], `${name}.json`);

  return {
    root,
    applicationFile: (name: string) => fileOf("applications", name),
    leaseFile: path.join(root, "simulator-lease.json"),
    workDir: path.join(root, ".work"),
    readApplication: (name: string) =>
      isApplicationName(name) ? readJson<StoredApplication>(fileOf("applications", name)) : Promise.resolve(null),
    writeApplication: (app: StoredApplication) => writeJsonAtomic(fileOf("applications", app.name), app),
    listApplicationNames: () => listNames(dirs.applications),
    listStatusNames: () => listNames(dirs.status),
    readRequest: (name: string) => readJson<SyncRequest>(fileOf("operations", name)),
    writeRequest: (name: string, request: SyncRequest) => writeJsonAtomic(fileOf("operations", name), request),
    readStatus: (name: string) => readJson<SimStatus>(fileOf("status", name)),
    writeStatus: (name: string, status: SimStatus) => writeJsonAtomic(fileOf("status", name), status),
    removeStatus: (name: string) => fs.rm(fileOf("status", name), { force: true }),
    async removeApplication(name: string): Promise<void> {
      // The application file goes first: once it is gone the Application no longer exists for any reader.
      await fs.rm(fileOf("applications", name), { force: true });
      await fs.rm(fileOf("operations", name), { force: true });
      await fs.rm(fileOf("status", name), { force: true });
    },
  };
}

async function listNames(dir: string): Promise<string[]> {
  const files = await fs.readdir(dir).catch(() => [] as string[]);
  return files
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .filter(isApplicationName)
    .sort();
}

/** null when the file is missing; files are only ever replaced by rename, so a read is never torn. */
export async function readJson<T>(file: string): Promise<T | null> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return JSON.parse(text) as T;
}

/** Temp file + rename in the same directory, so readers in other processes see the old or the new file. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    await fs.writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`);
    await fs.rename(tmp, file);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}
