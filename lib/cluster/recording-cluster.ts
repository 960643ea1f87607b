import fs from "node:fs/promises";
import path from "node:path";
import type { ClusterPort } from "./cluster-port";

/** Sandbox stand-in: keeps each applied Application as a file, so runs and tests can see it. */
export function createRecordingCluster(root: string): ClusterPort {
  return {
    async applyApplication(name, manifest) {
      const file = path.join(root, "applications", `${name}.yaml`);
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, manifest);
      await fs.rename(tmp, file);
      return { name, recorded: file };
    },
  };
}
