import { readScale, type CurrentScale, type ScaleChange } from "@/lib/gitops";
import type { EntityRef } from "@/lib/runs/define-action";
import type { RunPorts } from "@/lib/runs/ports";
import { resolveDeployment, type DeploymentTarget } from "../deployment-target";
import type { ScaleInput } from "./schema";

export const toScaleChange = (input: ScaleInput): ScaleChange => ({
  replicas: input.replicas,
  cpuLimit: input.cpu_limit,
  memoryLimit: input.memory_limit,
});

/** What the deployment's overlay on main asks for now (replica and resource patches). */
export async function readCurrentScale(
  ports: RunPorts,
  target: DeploymentTarget,
): Promise<CurrentScale | { error: string }> {
  const read = (p: string) => ports.forgejo.readFile(ports.gitops.owner, ports.gitops.repo, p);
  const [replicaPatch, resourcePatch] = await Promise.all([
    read(target.paths.replicaPatch),
    read(target.paths.resourcePatch),
  ]);
  if (!replicaPatch || !resourcePatch)
    return { error: `The ${target.environment.name} overlay of ${target.service} has no replica or resource patch` };
  return readScale({ replicaPatch, resourcePatch });
}

export async function resolveScaleTarget(ports: RunPorts, entity: EntityRef | null) {
  const target = await resolveDeployment(ports, entity);
  if ("error" in target) return target;
  const current = await readCurrentScale(ports, target);
  return "error" in current ? current : { target, current };
}

/** The given fields with the value each ends at, for commit messages and activity ("6 replicas"). */
export function describeScale(change: ScaleChange, current: CurrentScale) {
  const parts: { to: string; from: string }[] = [];
  if (change.replicas !== undefined) parts.push({ to: `${change.replicas} replicas`, from: `${current.replicas}` });
  if (change.cpuLimit !== undefined) parts.push({ to: `cpu limit ${change.cpuLimit}`, from: current.limits.cpu });
  if (change.memoryLimit !== undefined)
    parts.push({ to: `memory limit ${change.memoryLimit}`, from: current.limits.memory });
  return {
    summary: parts.map((p) => p.to).join(", "),
    details: parts.map((p) => `${p.to} (was ${p.from})`),
  };
}
