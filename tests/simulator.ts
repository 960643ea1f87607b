import { afterAll, beforeAll } from "vitest";
import { startSimulator, type Simulator } from "@/lib/integrations/sandbox-cluster";
import { sandboxClusterPaths, simulatorRemote } from "@/lib/wiring";

/**
 * Plays ArgoCD for this test file (as the worker does under `npm start`), fast: runs that wait for a
 * rollout see Synced and Healthy within a second. No webhook: tests read the cluster state directly.
 */
export function runSimulatorDuringTests(): void {
  let simulator: Simulator | null = null;
  beforeAll(() => {
    simulator = startSimulator({
      ...sandboxClusterPaths(),
      remote: simulatorRemote(),
      webhook: null,
      tickMs: 50,
      rolloutStepMs: 50,
      degradeAfterMs: 500,
      log: { info: () => {}, warn: console.warn },
    });
  });
  afterAll(async () => {
    await simulator?.stop();
  });
}
