import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describeDeliveryContract } from "@/tests/contracts/cluster-delivery-contract";
import { createSandboxCluster } from "./sandbox-cluster";

describeDeliveryContract("sandbox cluster", async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-flux-"));
  return {
    cluster: createSandboxCluster({ root, pollMs: 20 }),
    close: () => fs.rm(root, { recursive: true, force: true }),
  };
});
