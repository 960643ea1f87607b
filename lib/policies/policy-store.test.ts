import { describe, expect, it } from "vitest";
import { parsePolicy } from "./parse-policy";
import { policyEnvironments, withEnvironments } from "./policy-store";
import { listShippedPolicies } from "./shipped";

const bare = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: p
spec:
  rules:
    - name: r
      validate: { pattern: { spec: {} } }
`;

describe("where a policy gates", () => {
  it("reads and rewrites the slipway.io/environments annotation, keeping the rest of the YAML", () => {
    expect(policyEnvironments(parsePolicy(bare))).toEqual([]);
    const prod = withEnvironments(bare, ["prod", "staging"]);
    expect(policyEnvironments(parsePolicy(prod))).toEqual(["prod", "staging"]);
    const all = withEnvironments(prod, "*");
    expect(policyEnvironments(parsePolicy(all))).toBe("*");
    expect(all.replace(/\n  annotations:\n.*\n/, "\n")).toBe(bare);
    const off = withEnvironments(all, []);
    expect(policyEnvironments(parsePolicy(off))).toEqual([]);
  });

  it("parses every shipped policy and refuses what is not a ClusterPolicy with field errors", () => {
    for (const p of listShippedPolicies()) expect(parsePolicy(p.text).spec.rules.length).toBeGreaterThan(0);
    expect(() => parsePolicy("kind: Policy\nmetadata: { name: X }\n")).toThrow(/ClusterPolicy/);
  });
});
