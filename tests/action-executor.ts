import { beforeAll, expect } from "vitest";
import { executeCreateMicroservice } from "@/actions/create-microservice/executor";
import { createMicroserviceInput } from "@/actions/create-microservice/schema";
import { listActivity } from "@/lib/catalog/entities";
import { getEntity } from "@/lib/catalog/entity-lookup";
import { readImageTag } from "@/lib/gitops";
import type { EntityRef, RunContext } from "@/lib/runs/define-action";
import type { ApprovalPolicy, RunLink } from "@/lib/runs/types";
import { sleep } from "@/lib/sleep";
import { forgejoPort, runPorts } from "@/lib/wiring";
import { seedTeamAndEnvironments } from "./catalog-seed";
import { setupTestDatabase } from "./db";
import { runSimulatorDuringTests } from "./simulator";

// Executor tests call an action's executor directly with the sandbox ports (bare git repositories in
// the data dir, the catalog in PostgreSQL, the simulated ArgoCD) and an in-memory run context.

export type TestRun = { ctx: RunContext; links: RunLink[]; steps: string[]; logs: string[] };

export async function entityRef(blueprint: string, identifier: string): Promise<EntityRef> {
  const e = await getEntity(blueprint, identifier);
  return { blueprint, identifier, team: e.team, properties: e.properties, relations: e.relations };
}

/** A run context without a database row: steps run once in order, waits poll until done. */
export function testRun(
  opts: { entity?: EntityRef | null; policy?: ApprovalPolicy | null; changeTicket?: string | null } = {},
): TestRun {
  const links: RunLink[] = [];
  const steps: string[] = [];
  const logs: string[] = [];
  const log = async (message: string) => void logs.push(message);
  const ctx: RunContext = {
    runId: "00000000-0000-4000-8000-000000000001",
    actor: { id: "dana", email: "dana@example.com" },
    policy: opts.policy ?? null,
    changeTicket: opts.changeTicket ?? null,
    entity: opts.entity ?? null,
    ports: runPorts("executor test"),
    signal: new AbortController().signal,
    log: { info: log, warn: log, error: log },
    step: async (key, fn) => {
      steps.push(key);
      return fn();
    },
    link: async (link) => void links.push(link),
    waitUntil: async (_key, check, { timeoutMs = 20_000, intervalMs = 100 } = {}) => {
      for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(intervalMs)) {
        const state = await check();
        if (state.failure) throw new Error(state.failure);
        if (state.done) return;
      }
      throw new Error("timed out waiting");
    },
  };
  return { ctx, links, steps, logs };
}

/** Text of a file in the sandbox GitOps repository (main, or `ref`). */
export const gitopsFile = (file: string, ref?: string) => forgejoPort().readFile("platform", "gitops", file, ref);

/** The image tag `service`'s overlay for `env` pins on main (images are registry.local/payments/<service>). */
export const deployedTag = async (service: string, env: string) =>
  readImageTag(
    (await gitopsFile(`services/${service}/overlays/${env}/kustomization.yaml`))!,
    `registry.local/payments/${service}`,
  );

export async function lastGitopsCommit() {
  const [last] = await forgejoPort().listCommits("platform", "gitops", { branch: "main", limit: 1 });
  return last!;
}

export const activityMessages = async (blueprint: string, identifier: string) =>
  (await listActivity(blueprint, identifier)).map((a) => a.message);

/**
 * A clean catalog with team `payments`, environments dev/staging/prod and `service` created by the
 * create-microservice executor (0.1.0 everywhere), with the simulator rolling out what git says.
 */
export function setupServiceForExecutorTests(service: string): void {
  setupTestDatabase();
  runSimulatorDuringTests();
  beforeAll(async () => {
    await seedTeamAndEnvironments();
    const input = createMicroserviceInput.parse({ name: service, team: "payments", language: "node" });
    await executeCreateMicroservice(testRun().ctx, input);
    expect((await getEntity("service", service)).team).toBe("payments");
  }, 60_000);
}
