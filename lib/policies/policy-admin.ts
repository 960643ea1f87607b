import type { Authorize } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { getRunWiring } from "@/lib/runs/run-wiring";
import { parsePolicy } from "./parse-policy";
import {
  commitPolicyFiles,
  findPolicy,
  listPolicies,
  POLICIES_DIR,
  shippedPolicyFiles,
  withEnvironments,
  type StoredPolicy,
} from "./policy-store";

// The admin page's operations: each change is one commit to the GitOps repository by the admin.

export type PolicySummary = Omit<StoredPolicy, "policy"> & { title: string; category: string | null };

const summarize = (p: StoredPolicy): PolicySummary => {
  const { policy, ...rest } = p;
  const a = policy?.metadata.annotations ?? {};
  return {
    ...rest,
    title: a["policies.kyverno.io/title"] ?? p.name,
    category: a["policies.kyverno.io/category"] ?? a["compliance/standard"] ?? null,
  };
};

const portsFor = (user: SessionUser) => getRunWiring().portsFor(user.email);
const author = (user: SessionUser) => ({ name: user.name ?? user.email, email: user.email });

export async function getPolicyList(user: SessionUser, authorize: Authorize): Promise<PolicySummary[]> {
  authorize("read", { kind: "policy" });
  return (await listPolicies(portsFor(user))).map(summarize);
}

export async function addPolicy(
  yaml: string,
  environments: string[] | "*" | undefined,
  user: SessionUser,
  authorize: Authorize,
): Promise<PolicySummary> {
  authorize("create", { kind: "policy" });
  const policy = parsePolicy(yaml, "yaml");
  const text = environments === undefined ? yaml : withEnvironments(yaml, environments);
  const ports = portsFor(user);
  const existing = await findPolicy(ports, policy.metadata.name);
  const path = existing?.file ?? `${POLICIES_DIR}/${policy.metadata.name}.yaml`;
  await commitPolicyFiles(
    ports,
    [{ path, content: text.endsWith("\n") ? text : `${text}\n` }],
    `${existing ? "Update" : "Add"} policy ${policy.metadata.name}`,
    author(user),
  );
  return summarize((await findPolicy(ports, policy.metadata.name))!);
}

export async function setPolicyEnvironments(
  name: string,
  environments: string[] | "*",
  user: SessionUser,
  authorize: Authorize,
): Promise<PolicySummary> {
  authorize("update", { kind: "policy" });
  const ports = portsFor(user);
  const existing = await findPolicy(ports, name);
  if (!existing) throw new AppError("not_found", `Policy ${name} not found`);
  const text = withEnvironments(existing.text, environments);
  const where =
    environments === "*" ? "every gated environment" : environments.length ? environments.join(", ") : "no environment";
  if (text !== existing.text)
    await commitPolicyFiles(
      ports,
      [{ path: existing.file, content: text }],
      `Policy ${name} gates ${where}`,
      author(user),
    );
  return summarize((await findPolicy(ports, name))!);
}

export async function installShippedPolicies(user: SessionUser, authorize: Authorize): Promise<PolicySummary[]> {
  authorize("create", { kind: "policy" });
  const ports = portsFor(user);
  const present = new Set((await listPolicies(ports)).map((p) => p.file));
  const missing = shippedPolicyFiles().filter((f) => !present.has(f.path));
  if (missing.length > 0)
    await commitPolicyFiles(ports, missing, "Add Slipway's shipped policies (PCI-DSS, HIPAA, baseline)", author(user));
  return (await listPolicies(ports)).map(summarize);
}
