import { describe, expect, it } from "vitest";
import { evaluateCondition } from "./conditions";
import { matchPattern } from "./pattern";
import { matchScalar } from "./value-pattern";

describe("scalar patterns (Kyverno semantics)", () => {
  it.each([
    ["registry.local/a/b:1", "registry.local/*", true],
    ["docker.io/nginx", "registry.local/* | ghcr.io/*", false],
    ["ghcr.io/x", "registry.local/* | ghcr.io/*", true],
    ["", "?*", false],
    ["x", "?*", true],
    ["512Mi", "<= 1Gi", true],
    ["2Gi", "<= 1Gi", false],
    [3, ">2", true],
    [3, "1-5", true],
    [7, "1!-5", true],
    ["latest", "!latest", false],
    [false, "false", true],
    [undefined, null, true],
    ["encrypted-gp3", "encrypted-*", true],
    ["standard", "encrypted-*", false],
  ])("%j against %j → %s", (value, pattern, expected) => {
    expect(matchScalar(value, pattern)).toBe(expected);
  });
});

describe("anchors", () => {
  const pod = (c: Record<string, unknown>) => ({ spec: { containers: [c] } });

  it("equality anchor checks a field only when it is there", () => {
    const pattern = { spec: { containers: [{ "=(securityContext)": { "=(runAsNonRoot)": true } }] } };
    expect(matchPattern(pod({ name: "a" }), pattern).ok).toBe(true);
    expect(matchPattern(pod({ securityContext: { runAsNonRoot: false } }), pattern)).toMatchObject({
      ok: false,
      skip: false,
    });
  });

  it("a conditional anchor that does not hold skips the rule instead of failing it", () => {
    const pattern = { spec: { containers: [{ "(name)": "sidecar-*", image: "registry.local/*" }] } };
    expect(matchPattern(pod({ name: "app", image: "docker.io/x" }), pattern)).toMatchObject({ ok: false, skip: true });
    expect(matchPattern(pod({ name: "sidecar-log", image: "docker.io/x" }), pattern)).toMatchObject({
      ok: false,
      skip: false,
      path: "/spec/containers/0/image/",
    });
  });

  it("negation anchor fails when the key is present", () => {
    const pattern = { spec: { "X(hostNetwork)": "null" } };
    expect(matchPattern({ spec: {} }, pattern).ok).toBe(true);
    expect(matchPattern({ spec: { hostNetwork: true } }, pattern)).toMatchObject({ ok: false, skip: false });
  });

  it("existence anchor needs one matching element", () => {
    const pattern = { spec: { "^(containers)": [{ image: "registry.local/*" }] } };
    expect(
      matchPattern({ spec: { containers: [{ image: "docker.io/a" }, { image: "registry.local/b" }] } }, pattern).ok,
    ).toBe(true);
    expect(matchPattern({ spec: { containers: [{ image: "docker.io/a" }] } }, pattern).ok).toBe(false);
  });

  it("'*' needs the key present; wildcard keys expand over labels", () => {
    expect(matchPattern({ spec: {} }, { spec: { livenessProbe: "*" } }).ok).toBe(false);
    expect(matchPattern({ spec: { livenessProbe: { httpGet: {} } } }, { spec: { livenessProbe: "*" } }).ok).toBe(true);
    const labels = { metadata: { labels: { "app.kubernetes.io/*": "?*" } } };
    expect(matchPattern({ metadata: { labels: { "app.kubernetes.io/name": "x" } } }, labels).ok).toBe(true);
    expect(matchPattern({ metadata: { labels: { "app.kubernetes.io/name": "" } } }, labels).ok).toBe(false);
  });
});

describe("conditions", () => {
  const ctx = { request: { object: { metadata: { namespace: "payment-prod" } } }, netpols: ["payment-prod"] };
  it("AnyNotIn resolves the variables and nested variables first", () => {
    expect(
      evaluateCondition(
        { key: "{{ request.object.metadata.namespace }}", operator: "AnyNotIn", value: "{{ netpols }}" },
        ctx,
      ),
    ).toBe(false);
    expect(
      evaluateCondition({ key: "{{ request.object.metadata.namespace }}", operator: "AnyNotIn", value: [] }, ctx),
    ).toBe(true);
    expect(
      evaluateCondition(
        {
          key: "{{ length(netpols[?@ == '{{ request.object.metadata.namespace }}']) }}",
          operator: "GreaterThan",
          value: 0,
        },
        ctx,
      ),
    ).toBe(true);
  });
});
