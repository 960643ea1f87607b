import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findEntity } from "@/lib/catalog/entity-lookup";
import { createSandboxForgejo } from "@/lib/integrations/sandbox-git/sandbox-forgejo";
import { getBoss } from "@/lib/runs/queue";
import { setupTestDatabase } from "@/tests/db";
import { until } from "@/tests/until";
import { startBackstageSyncJob } from "./backstage-sync-job";
import { listImportRuns } from "./import-runs";

setupTestDatabase();

let root = "";
let job: { stop(): void } | null = null;
afterAll(async () => {
  job?.stop();
  if (root) await fs.rm(root, { recursive: true, force: true });
});

describe("the periodic Backstage sync", () => {
  it("runs a full sync through pg-boss without any webhook", async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-backstage-job-"));
    const git = createSandboxForgejo({ root, baseUrl: "http://git.test" });
    await git.ensureOrg("scheduled");
    await git.ensureRepo({ owner: "scheduled", name: "reports" });
    await git.commitFiles({
      owner: "scheduled",
      repo: "reports",
      branch: "main",
      message: "descriptor",
      changes: [
        {
          path: "catalog-info.yaml",
          content:
            "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: reports\n  tags: [python]\nspec: {}\n",
        },
      ],
      expectedHead: null,
    });
    job = await startBackstageSyncJob(await getBoss(), () => git, ["scheduled"], 10);
    await until("the scheduled import", async () => findEntity("service", "reports"), 30_000);
    const [run] = await listImportRuns();
    expect(run).toMatchObject({ source: "backstage", trigger: "schedule", created: 1 });
  });
});
