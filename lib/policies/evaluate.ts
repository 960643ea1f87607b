import { expandRules } from "./autogen";
import { evaluateConditions } from "./conditions";
import { loadContext } from "./context";
import { matchesBlock } from "./match";
import { matchPattern } from "./pattern";
import type { CheckResult, ClusterPolicy, K8sObject, NamespaceLabels, Rule } from "./types";
import { substitute, type VariableContext } from "./variables";

// Evaluates Kyverno validate rules on a rendered bundle as `kyverno apply` does, offline: every
// object every rule matches gets pass, fail or skip; what needs the cluster or the registry is
// "not-evaluated" ("enforced at admission") and never counts as passed.

export const ADMISSION_ONLY = "Enforced at admission: Slipway cannot check this before the change is merged";

export function resourceId(obj: K8sObject): string {
  const ns = obj.metadata?.namespace;
  return `${obj.kind ?? "?"}/${ns ? `${ns}/` : ""}${obj.metadata?.name ?? "?"}`;
}

export function evaluatePolicies(
  policies: ClusterPolicy[],
  bundle: K8sObject[],
  namespaceLabels: NamespaceLabels,
): CheckResult[] {
  const results: CheckResult[] = [];
  for (const policy of policies) {
    for (const rule of expandRules(policy)) {
      if (!rule.validate && !rule.verifyImages) continue;
      for (const obj of bundle) {
        if (!matchesBlock(rule.match, obj, namespaceLabels)) continue;
        if (rule.exclude && matchesBlock(rule.exclude, obj, namespaceLabels)) continue;
        results.push({
          policy: policy.metadata.name,
          rule: rule.name,
          resource: resourceId(obj),
          ...evaluateRule(rule, obj, bundle),
        });
      }
    }
  }
  return results;
}

function evaluateRule(rule: Rule, obj: K8sObject, bundle: K8sObject[]): Pick<CheckResult, "result" | "message"> {
  if (rule.verifyImages)
    return { result: "not-evaluated", message: `${ADMISSION_ONLY} (verifyImages needs the registry)` };
  const v = rule.validate!;
  const form = v.pattern !== undefined ? "pattern" : v.anyPattern ? "anyPattern" : v.deny ? "deny" : null;
  if (!form) {
    const other =
      Object.keys(v).find((k) => k !== "message" && !k.toLowerCase().includes("failureaction")) ?? "validate";
    return { result: "not-evaluated", message: `${ADMISSION_ONLY} (validate.${other})` };
  }
  const ctx: VariableContext = {
    request: {
      operation: "CREATE",
      object: obj,
      namespace: obj.metadata?.namespace ?? "",
      name: obj.metadata?.name ?? "",
      kind: { kind: obj.kind },
      userInfo: {},
    },
  };
  try {
    loadContext(rule.context, ctx, bundle);
    if (rule.preconditions && !evaluateConditions(rule.preconditions, ctx))
      return { result: "skip", message: "preconditions not met" };
    const message = String(substitute(v.message ?? "", ctx));
    switch (form) {
      case "pattern": {
        const outcome = matchPattern(obj, v.pattern);
        if (outcome.ok) return { result: "pass", message: `validation rule '${rule.name}' passed.` };
        if (outcome.skip) return { result: "skip", message: "conditional anchor mismatch" };
        return {
          result: "fail",
          message: `validation error: ${message}. rule ${rule.name} failed at path ${outcome.path}`,
        };
      }
      case "anyPattern": {
        const outcomes = v.anyPattern!.map((p) => matchPattern(obj, p));
        if (outcomes.some((o) => o.ok))
          return { result: "pass", message: `validation rule '${rule.name}' anyPattern passed.` };
        if (outcomes.every((o) => !o.ok && o.skip)) return { result: "skip", message: "conditional anchor mismatch" };
        const paths = outcomes
          .map((o, i) => (o.ok ? "" : `rule ${rule.name}[${i}] failed at path ${o.path}`))
          .join(" ");
        return { result: "fail", message: `validation error: ${message}. ${paths}` };
      }
      case "deny":
        return evaluateConditions(v.deny!.conditions, ctx)
          ? { result: "fail", message }
          : { result: "pass", message: `validation rule '${rule.name}' passed.` };
      default: {
        const unreachable: never = form;
        return unreachable;
      }
    }
  } catch (err) {
    return { result: "not-evaluated", message: `${ADMISSION_ONLY}: ${(err as Error).message}` };
  }
}
