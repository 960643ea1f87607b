import { AppError, type FieldErrors } from "@/lib/errors";
import { parseCpu, parseMemory } from "./quantity";

export type ScaleInput = { replicas?: number; cpuLimit?: string; memoryLimit?: string };
export type ScaleConstraints = {
  requests: { cpu: string; memory: string };
  minReplicas: number;
  maxReplicas: number;
  maxCpuLimit?: string;
  maxMemoryLimit?: string;
};

type Limit = {
  field: "cpu_limit" | "memory_limit";
  value?: string;
  request: string;
  max?: string;
  parse: (v: string) => number | null;
  example: string;
};

function checkLimit(fields: FieldErrors, limit: Limit): void {
  if (limit.value === undefined) return;
  const value = limit.parse(limit.value);
  if (value === null) {
    fields[limit.field] = [`not a Kubernetes quantity (e.g. ${limit.example})`];
    return;
  }
  const request = limit.parse(limit.request);
  // The request comes from the overlay in git, not from the user: a bad one is a broken overlay.
  if (request === null) {
    throw new AppError(
      "conflict",
      `the overlay's ${limit.field.replace("_limit", "")} request "${limit.request}" is not a quantity`,
    );
  }
  const problems: string[] = [];
  if (value < request) problems.push(`below the request of ${limit.request}`);
  const max = limit.max === undefined ? null : limit.parse(limit.max);
  if (max !== null && value > max) problems.push(`above the maximum of ${limit.max}`);
  if (problems.length > 0) fields[limit.field] = problems;
}

/**
 * Field errors for a scale request, keyed like the scale action's inputs (`replicas`, `cpu_limit`,
 * `memory_limit`); an empty object means the request is acceptable.
 */
export function validateScale(input: ScaleInput, constraints: ScaleConstraints): FieldErrors {
  const fields: FieldErrors = {};
  const { replicas } = input;
  if (replicas !== undefined) {
    if (!Number.isInteger(replicas)) fields.replicas = ["must be a whole number"];
    else if (replicas < constraints.minReplicas || replicas > constraints.maxReplicas) {
      fields.replicas = [`must be between ${constraints.minReplicas} and ${constraints.maxReplicas}`];
    }
  }
  checkLimit(fields, {
    field: "cpu_limit",
    value: input.cpuLimit,
    request: constraints.requests.cpu,
    max: constraints.maxCpuLimit,
    parse: parseCpu,
    example: "500m, 2",
  });
  checkLimit(fields, {
    field: "memory_limit",
    value: input.memoryLimit,
    request: constraints.requests.memory,
    max: constraints.maxMemoryLimit,
    parse: parseMemory,
    example: "512Mi, 2Gi",
  });
  return fields;
}
