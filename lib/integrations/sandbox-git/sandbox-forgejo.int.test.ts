import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describeForgejoContract } from "@/tests/contracts/forgejo-contract";
import { createSandboxForgejo } from "./sandbox-forgejo";

describeForgejoContract("sandbox", async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-sandbox-git-"));
  return {
    port: createSandboxForgejo({ root, baseUrl: "http://localhost:3000" }),
    cloneUrl: (owner, repo) => path.join(root, owner, `${repo}.git`),
    cleanup: () => fs.rm(root, { recursive: true, force: true }),
  };
});
