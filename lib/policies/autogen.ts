import type { ClusterPolicy, MatchBlock, ResourceDescription, Rule } from "./types";

// Kyverno's autogen (pkg/autogen/v1): a policy whose rules match Pods also checks the Pod templates
// of the controllers that make Pods — rule `autogen-<name>` for Deployments and the like,
// `autogen-cronjob-<name>` for CronJobs — since the rendered bundle holds controllers, not Pods.

const POD_CONTROLLERS = ["DaemonSet", "Deployment", "Job", "StatefulSet", "ReplicaSet", "ReplicationController"];

const descriptions = (b: MatchBlock | undefined): ResourceDescription[] =>
  b
    ? [b.resources, ...(b.any ?? []).map((f) => f.resources), ...(b.all ?? []).map((f) => f.resources)].filter(
        (d): d is ResourceDescription => Boolean(d),
      )
    : [];

function supportsAutogen(d: ResourceDescription): boolean {
  const kinds = d.kinds ?? [];
  const otherThanPod = kinds.length > 1 && kinds.includes("Pod");
  return !d.name && !(d.names?.length ?? 0) && !d.selector && !d.annotations && !otherThanPod;
}

function canAutogen(policy: ClusterPolicy): boolean {
  if (policy.metadata.annotations?.["pod-policies.kyverno.io/autogen-controllers"] === "none") return false;
  let needed = false;
  for (const rule of policy.spec.rules) {
    if (rule.generate) return false;
    for (const d of [...descriptions(rule.match), ...descriptions(rule.exclude)]) {
      if (!supportsAutogen(d)) return false;
      if ((d.kinds ?? []).some((k) => k === "Pod" || POD_CONTROLLERS.includes(k) || k === "CronJob")) needed = true;
    }
  }
  return needed;
}

function withKinds(block: MatchBlock | undefined, kinds: string[]): MatchBlock | undefined {
  if (!block) return undefined;
  const swap = (d: ResourceDescription): ResourceDescription => (d.kinds?.includes("Pod") ? { ...d, kinds } : d);
  return {
    ...(block.resources ? { resources: swap(block.resources) } : {}),
    ...(block.any ? { any: block.any.map((f) => ({ ...f, resources: f.resources && swap(f.resources) })) } : {}),
    ...(block.all ? { all: block.all.map((f) => ({ ...f, resources: f.resources && swap(f.resources) })) } : {}),
  };
}

const matchesPod = (rule: Rule) => descriptions(rule.match).some((d) => d.kinds?.includes("Pod"));

function shiftVariables(value: unknown, prefix: string): unknown {
  const text = JSON.stringify(value ?? null)
    .replaceAll("request.object.spec", `request.object.${prefix}.spec`)
    .replaceAll("request.object.metadata", `request.object.${prefix}.metadata`);
  return JSON.parse(text) as unknown;
}

function wrapPattern(pattern: unknown, path: string[]): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), pattern);
}

function generate(rule: Rule, prefix: string, kinds: string[], path: string[], shift: string): Rule | null {
  if (!matchesPod(rule)) return null;
  const name = `${prefix}-${rule.name}`.slice(0, 63);
  if (!rule.validate) return rule.verifyImages ? { ...rule, name, match: withKinds(rule.match, kinds) } : null;
  const validate = { ...rule.validate };
  if (validate.pattern !== undefined) validate.pattern = wrapPattern(validate.pattern, path);
  if (validate.anyPattern) validate.anyPattern = validate.anyPattern.map((p) => wrapPattern(p, path));
  if (validate.deny) validate.deny = shiftVariables(validate.deny, shift) as typeof validate.deny;
  return {
    ...rule,
    name,
    match: withKinds(rule.match, kinds),
    exclude: withKinds(rule.exclude, kinds),
    preconditions: rule.preconditions && (shiftVariables(rule.preconditions, shift) as Rule["preconditions"]),
    context: rule.context && (shiftVariables(rule.context, shift) as Rule["context"]),
    validate,
  };
}

/** The policy's rules as Kyverno runs them: its own, then the generated ones for Pod controllers. */
export function expandRules(policy: ClusterPolicy): Rule[] {
  if (!canAutogen(policy)) return policy.spec.rules;
  const generated: Rule[] = [];
  for (const rule of policy.spec.rules) {
    const controllers = generate(rule, "autogen", POD_CONTROLLERS, ["spec", "template"], "spec.template");
    if (controllers) generated.push(controllers);
    const cron = generate(
      rule,
      "autogen-cronjob",
      ["CronJob"],
      ["spec", "jobTemplate", "spec", "template"],
      "spec.jobTemplate.spec.template",
    );
    if (cron) generated.push(cron);
  }
  return [...policy.spec.rules, ...generated];
}
