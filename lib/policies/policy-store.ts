import { HeadMovedError } from "@/lib/git/errors";
import type { RunPorts } from "@/lib/runs/ports";
import { AppError } from "@/lib/errors";
import { parsePolicy } from "./parse-policy";
import { listShippedPolicies } from "./shipped";
import type { ClusterPolicy } from "./types";

// Policies live in the GitOps repository under policies/, one ClusterPolicy per file, so Kyverno in
// the cluster and Slipway's gates read the same YAML. Where a policy gates is its annotation
// `slipway.io/environments`: "*" (every gated environment; its namespaceSelector then decides by
// the namespace labels), a comma-separated list of environments, or "" (disabled).

export const POLICIES_DIR = "policies";
export const ENVIRONMENTS_ANNOTATION = "slipway.io/environments";

export type StoredPolicy = {
  file: string;
  name: string;
  text: string;
  policy: ClusterPolicy | null;
  /** Why the file is not a policy Slipway can read (then it gates nothing). */
  problem: string | null;
  environments: string[] | "*";
  rules: { name: string; kind: "validate" | "verifyImages" | "other" }[];
};

export function policyEnvironments(policy: ClusterPolicy): string[] | "*" {
  const raw = policy.metadata.annotations?.[ENVIRONMENTS_ANNOTATION];
  if (raw === undefined) return [];
  if (raw.trim() === "*") return "*";
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export const enabledIn = (p: StoredPolicy, environment: string) =>
  p.policy !== null && (p.environments === "*" || p.environments.includes(environment));

function describe(file: string, text: string): StoredPolicy {
  try {
    const policy = parsePolicy(text);
    return {
      file,
      name: policy.metadata.name,
      text,
      policy,
      problem: null,
      environments: policyEnvironments(policy),
      rules: policy.spec.rules.map((r) => ({
        name: r.name,
        kind: r.verifyImages ? "verifyImages" : r.validate ? "validate" : "other",
      })),
    };
  } catch (err) {
    const fields = err instanceof AppError ? Object.values(err.fields ?? {}).flat() : [];
    return {
      file,
      name: file.replace(/^.*\//, "").replace(/\.ya?ml$/, ""),
      text,
      policy: null,
      problem: fields.join("; ") || (err as Error).message,
      environments: [],
      rules: [],
    };
  }
}

export async function listPolicies(ports: Pick<RunPorts, "forgejo" | "gitops">): Promise<StoredPolicy[]> {
  const { forgejo, gitops } = ports;
  if (!(await forgejo.getRepo(gitops.owner, gitops.repo))) return [];
  const files = (await forgejo.listFiles(gitops.owner, gitops.repo, POLICIES_DIR)).filter((f) => /\.ya?ml$/.test(f));
  const out: StoredPolicy[] = [];
  for (const file of files) {
    const text = await forgejo.readFile(gitops.owner, gitops.repo, file);
    if (text !== null) out.push(describe(file, text));
  }
  return out;
}

export async function findPolicy(ports: Pick<RunPorts, "forgejo" | "gitops">, name: string) {
  return (await listPolicies(ports)).find((p) => p.name === name) ?? null;
}

/** The policy's YAML with its environments annotation set (other text kept as written). */
export function withEnvironments(text: string, environments: string[] | "*"): string {
  const value = environments === "*" ? "*" : environments.join(",");
  const line = `    ${ENVIRONMENTS_ANNOTATION}: "${value}"`;
  const existing = new RegExp(`^\\s*${ENVIRONMENTS_ANNOTATION.replace(/[./]/g, "\\$&")}:.*$`, "m");
  if (existing.test(text)) return text.replace(existing, line);
  if (/^  annotations:\s*$/m.test(text)) return text.replace(/^  annotations:\s*$/m, `  annotations:\n${line}`);
  return text.replace(/^metadata:\s*$/m, `metadata:\n  annotations:\n${line}`);
}

/** Commits policy files to the GitOps repository's main branch, retrying when main moved. */
export async function commitPolicyFiles(
  ports: Pick<RunPorts, "forgejo" | "gitops">,
  files: { path: string; content: string }[],
  message: string,
  author: { name: string; email: string },
): Promise<void> {
  const { forgejo, gitops } = ports;
  // Policies may come before the first service: the repository is created as the actions would.
  if (!(await forgejo.getRepo(gitops.owner, gitops.repo))) {
    await forgejo.ensureOrg(gitops.owner);
    await forgejo.ensureRepo({
      owner: gitops.owner,
      name: gitops.repo,
      description: "Kubernetes manifests and ArgoCD Applications, written by Slipway",
    });
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const head = await forgejo.branchHead(gitops.owner, gitops.repo, "main");
    try {
      await forgejo.commitFiles({
        owner: gitops.owner,
        repo: gitops.repo,
        branch: "main",
        expectedHead: head,
        message,
        changes: files,
        author,
      });
      return;
    } catch (err) {
      if (!(err instanceof HeadMovedError)) throw err;
    }
  }
  throw new AppError("conflict", "The GitOps repository kept moving; try again");
}

export const shippedPolicyFiles = () =>
  listShippedPolicies().map((p) => ({ path: `${POLICIES_DIR}/${p.file}`, content: p.text }));
