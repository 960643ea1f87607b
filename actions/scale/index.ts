import type { FieldErrors } from "@/lib/errors";
import { readScale, setScale, validateScale } from "@/lib/gitops";
import { defineAction, type RunContext } from "@/lib/runs/define-action";
import type { RunPorts } from "@/lib/runs/ports";
import type { EntityRef } from "@/lib/runs/define-action";
import { commitOverlayChange } from "../commit-overlay";
import { resolveDeployment } from "../deployment-target";
import { waitForRollout } from "../wait-for-rollout";
import { scaleInput, type ScaleInputValues } from "./schema";

async function readScaleFiles(ports: RunPorts, entity: EntityRef | null) {
  const target = await resolveDeployment(ports, entity);
  if ("error" in target) return { error: target.error } as const;
  const read = (p: string) => ports.forgejo.readFile(ports.gitops.owner, ports.gitops.repo, p);
  const [replicaPatch, resourcePatch] = await Promise.all([
    read(target.paths.replicaPatch),
    read(target.paths.resourcePatch),
  ]);
  if (!replicaPatch || !resourcePatch)
    return {
      error: `The ${target.environment.name} overlay of ${target.service} has no replica or resource patch`,
    } as const;
  return { target, files: { replicaPatch, resourcePatch } };
}

async function executeScale(ctx: RunContext, input: ScaleInputValues) {
  const found = await readScaleFiles(ctx.ports, ctx.entity);
  if ("error" in found) throw new Error(found.error);
  const { target } = found;
  const { replicaPatch, resourcePatch } = target.paths;
  const change = { replicas: input.replicas, cpuLimit: input.cpu_limit, memoryLimit: input.memory_limit };
  const commit = await ctx.step("commit-scale", () =>
    commitOverlayChange(
      ctx,
      [replicaPatch, resourcePatch],
      (files) => {
        const next = setScale({ replicaPatch: files[replicaPatch]!, resourcePatch: files[resourcePatch]! }, change);
        return {
          [replicaPatch]: next.replicaPatch ?? files[replicaPatch]!,
          [resourcePatch]: next.resourcePatch ?? files[resourcePatch]!,
        };
      },
      `Scale ${target.service} in ${target.environment.name} to ${input.replicas} replicas (cpu ${input.cpu_limit}, memory ${input.memory_limit})\n\nReason: ${input.reason}\nRequested by ${ctx.actor.email} (Slipway run ${ctx.runId})`,
    ),
  );
  await ctx.link({ kind: "commit", url: commit.htmlUrl, title: `scale ${commit.sha.slice(0, 8)}` });
  await ctx.step("record-scale", async () => {
    const message = `Scaled to ${input.replicas} replicas, limits ${input.cpu_limit} CPU / ${input.memory_limit}: ${input.reason}`;
    await ctx.ports.catalog.recordActivity("deployment", target.deployment, {
      kind: "scale",
      message,
      data: { run: ctx.runId, commit: commit.sha },
    });
    await ctx.ports.catalog.recordActivity("service", target.service, {
      kind: "scale",
      message: `${target.deployment}: ${message}`,
      data: { run: ctx.runId },
    });
    return true;
  });
  await waitForRollout(ctx, target.deployment, commit);
  return { commit: commit.sha, ...change };
}

export const scaleAction = defineAction({
  id: "scale",
  title: "Scale",
  description: "Commit new replica count and CPU/memory limits to this environment's overlay.",
  blueprint: "deployment",
  trigger: "day-2",
  input: scaleInput,
  aliases: ["scale_resources"],
  permission: { execute: ["developer"], approve: ["sre"] },
  approval: (_input, entity) => ({ environment: entity?.relations.environment?.[0] ?? "" }),
  // Limits below the requests or replicas outside the environment's bounds are field errors.
  check: async (input, entity, ports): Promise<FieldErrors | null> => {
    const found = await readScaleFiles(ports, entity);
    if ("error" in found) return { entity: [found.error ?? "Unknown deployment"] };
    const current = readScale(found.files);
    const errors = validateScale(
      { replicas: input.replicas, cpuLimit: input.cpu_limit, memoryLimit: input.memory_limit },
      {
        requests: current.requests,
        minReplicas: found.target.environment.minReplicas,
        maxReplicas: found.target.environment.maxReplicas,
      },
    );
    return Object.keys(errors).length > 0 ? errors : null;
  },
  execute: executeScale,
});
