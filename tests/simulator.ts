import { afterAll, beforeAll } from "vitest";
import { startSimulator, type Simulator, type SimulatorOptions } from "@/lib/integrations/sandbox-cluster";
import { sandboxClusterPaths, simulatorRemote } from "@/lib/wiring";

/**
 * Plays ArgoCD for this test file (as the worker does under `npm start`), fast: runs that wait for a
 * rollout see Synced and Healthy within a second. No webhook: tests read the cluster state directly.
 */
export function runSimulatorDuringTests(): void {
  let simulator: Simulator | null = null;
  beforeAll(() => {
    simulator = startFastSimulator();
  });
  afterAll(async () => {
    await simulator?.stop();
  });
}

/** The fast test simulator on the sandbox's paths; `extra` adds e.g. a Flux webhook to post events to. */
export function startFastSimulator(extra: Partial<SimulatorOptions> = {}): Simulator {
  return startSimulator({
    ...sandboxClusterPaths(),
    remote: simulatorRemote(),
    webhook: null,
    tickMs: 50,
    rolloutStepMs: 50,
    degradeAfterMs: 500,
    log: { info: () => {}, warn: console.warn },
    ...extra,
  });
}
