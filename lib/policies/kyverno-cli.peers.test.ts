import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { peerKyverno } from "@/tests/peers";
import { NAMESPACE_LABELS, readCorpus } from "@/tests/policies/corpus-files";
import { evaluatePolicies } from "./evaluate";
import { parsePolicy } from "./parse-policy";
import { listShippedPolicies } from "./shipped";
import type { K8sObject } from "./types";

// The real Kyverno CLI (`kyverno apply`, built from its Go module by the peers tier) and Slipway's
// evaluator on the committed corpus of rendered bundles × the shipped policies: every pass and
// fail must agree. verifyImages needs the registry, so that policy is left to admission (Slipway
// reports it "not evaluated"; it is checked apart below).

const run = promisify(execFile);

// Every bundle gets a NetworkPolicy in a namespace of its own: the CLI's offline client only lists
// kinds it was given (it answers a lookup of an unknown kind with an error), and this one matches no
// rule of the shipped policies.
const ANCHOR: K8sObject = {
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name: "corpus-anchor", namespace: "corpus-anchor" },
  spec: { podSelector: {}, policyTypes: ["Ingress"] },
};

type Verdict = { key: string; result: string };
type ReportResult = {
  policy: string;
  rule: string;
  result: string;
  resources?: { kind: string; name: string; namespace?: string }[];
};

let work = "";
const policies = listShippedPolicies()
  .map((p) => ({ ...p, policy: parsePolicy(p.text) }))
  .filter((p) => !p.policy.spec.rules.some((r) => r.verifyImages));

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-kyverno-"));
  await fs.mkdir(path.join(work, "policies"));
  for (const p of policies) await fs.writeFile(path.join(work, "policies", p.file), p.text);
  const values = {
    apiVersion: "cli.kyverno.io/v1alpha1",
    kind: "Values",
    namespaceSelector: Object.entries(NAMESPACE_LABELS).map(([name, labels]) => ({ name, labels })),
  };
  await fs.writeFile(path.join(work, "values.yaml"), stringify(values));
});

afterAll(async () => {
  if (work) await fs.rm(work, { recursive: true, force: true });
});

/** The JSON policy report `kyverno apply -p --output-format json` prints after its summary lines. */
function parseReport(stdout: string): ReportResult[] {
  const start = stdout.indexOf("{");
  if (start < 0) throw new Error(`no policy report in the CLI's output:\n${stdout}`);
  const report = JSON.parse(stdout.slice(start, stdout.lastIndexOf("}") + 1)) as { results?: ReportResult[] };
  return report.results ?? [];
}

async function kyvernoVerdicts(id: string, objects: K8sObject[]): Promise<Verdict[]> {
  const file = path.join(work, `${id}.yaml`);
  await fs.writeFile(file, [...objects, ANCHOR].map((o) => stringify(o)).join("---\n"));
  const args = [
    "apply",
    path.join(work, "policies"),
    "--resource",
    file,
    "--values-file",
    path.join(work, "values.yaml"),
  ];
  // Violations make the CLI exit 1; the report is on stdout either way.
  const out = await run(peerKyverno(), [...args, "--policy-report", "--output-format", "json", "--remove-color"], {
    maxBuffer: 16 * 1024 * 1024,
  }).catch((err: { stdout?: string; stderr?: string }) => {
    if (!err.stdout) throw new Error(`kyverno apply failed: ${err.stderr ?? String(err)}`);
    return { stdout: err.stdout };
  });
  return parseReport(out.stdout).flatMap((r) =>
    (r.resources ?? []).map((res) => ({
      key: `${r.policy}/${r.rule} ${res.kind}/${res.namespace ? `${res.namespace}/` : ""}${res.name}`,
      result: r.result,
    })),
  );
}

const corpus = readCorpus();

describe("Slipway's policy evaluation agrees with the Kyverno CLI", () => {
  it("has a corpus of at least 30 rendered bundles with failures of every shipped policy", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
  });

  it.each(corpus.map((c) => [c.id, c] as const))("%s", async (_id, entry) => {
    const ours = evaluatePolicies(
      policies.map((p) => p.policy),
      [...entry.objects, ANCHOR],
      NAMESPACE_LABELS,
    )
      .filter((r) => r.result === "pass" || r.result === "fail")
      .map((r) => ({ key: `${r.policy}/${r.rule} ${r.resource}`, result: r.result }));
    const theirs = (await kyvernoVerdicts(entry.id, entry.objects)).filter(
      (r) => r.result === "pass" || r.result === "fail",
    );
    const sort = (v: Verdict[]) => v.map((x) => `${x.result} ${x.key}`).sort();
    expect(sort(ours)).toEqual(sort(theirs));
  });

  it("leaves verifyImages to admission: never passed, always 'not evaluated'", () => {
    const verify = listShippedPolicies()
      .map((p) => parsePolicy(p.text))
      .filter((p) => p.spec.rules.some((r) => r.verifyImages));
    expect(verify.length).toBeGreaterThan(0);
    const results = corpus.flatMap((c) => evaluatePolicies(verify, c.objects, NAMESPACE_LABELS));
    expect(results.length).toBeGreaterThan(0);
    expect(new Set(results.map((r) => r.result))).toEqual(new Set(["not-evaluated"]));
  });
});
