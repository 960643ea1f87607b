import fs from "node:fs/promises";
import path from "node:path";
import { ApplicationNotFoundError, type AppStatus, type ClusterPort } from "./cluster-port";

/**
 * Sandbox stand-in: keeps each applied Application as a file, so runs and tests can see it. Nothing
 * reconciles them, so every recorded Application reads back as Unknown; the GitOps simulator
 * replaces this.
 */
export function createRecordingCluster(root: string): ClusterPort {
  const dir = path.join(root, "applications");
  const fileOf = (name: string) => path.join(dir, `${name}.yaml`);

  async function readRecorded(name: string): Promise<AppStatus | null> {
    const stat = await fs.stat(fileOf(name)).catch(() => null);
    if (!stat) return null;
    return { name, namespace: "argocd", health: "Unknown", healthMessage: null, sync: "Unknown", revision: null, operationPhase: null, reconciledAt: null, resourceVersion: String(Math.trunc(stat.mtimeMs)) };
  }

  async function listRecorded(): Promise<AppStatus[]> {
    const files = await fs.readdir(dir).catch(() => [] as string[]);
    const apps = await Promise.all(files.filter((f) => f.endsWith(".yaml")).map((f) => readRecorded(f.slice(0, -".yaml".length))));
    return apps.filter((a): a is AppStatus => a !== null);
  }

  return {
    async applyApplication(name, manifest) {
      const file = fileOf(name);
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, manifest);
      await fs.rename(tmp, file);
      return { name, recorded: file };
    },
    getApplication: readRecorded,
    listApplications: listRecorded,
    async watchApplications(onEvent, opts) {
      for (const app of await listRecorded()) onEvent({ type: "ADDED", app });
      // Like the real adapter: without a signal it never returns.
      const signal = opts?.signal;
      if (signal?.aborted) return;
      await new Promise<void>((resolve) => signal?.addEventListener("abort", () => resolve(), { once: true }));
    },
    async listWorkloads() {
      return [];
    },
    async requestSync(name) {
      if (!(await readRecorded(name))) throw new ApplicationNotFoundError(name);
    },
    async deleteApplication(name) {
      await fs.rm(fileOf(name), { force: true });
    },
  };
}
