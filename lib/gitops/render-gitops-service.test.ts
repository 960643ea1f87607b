import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { getOverlayPaths } from "./paths";
import { renderGitopsService } from "./render-gitops-service";
import { makeOptions, makeSpec } from "@/tests/gitops/fixtures";

const svc = "payment-service";

describe("renderGitopsService", () => {
  it("renders the reference GitOps tree", () => {
    const files = renderGitopsService(makeSpec(), makeOptions());
    expect(Object.keys(files).sort()).toEqual(
      [
        "argocd/apps/payment-service-dev.yaml",
        "argocd/apps/payment-service-prod.yaml",
        "argocd/apps/payment-service-staging.yaml",
        "services/payment-service/base/configmap.yaml",
        "services/payment-service/base/database.yaml",
        "services/payment-service/base/deployment.yaml",
        "services/payment-service/base/kustomization.yaml",
        "services/payment-service/base/service.yaml",
        "services/payment-service/base/serviceaccount.yaml",
        ...["dev", "prod", "staging"].flatMap((env) => [
          `services/payment-service/overlays/${env}/ingress.yaml`,
          `services/payment-service/overlays/${env}/kustomization.yaml`,
          ...(env === "prod" ? ["services/payment-service/overlays/prod/network-policy.yaml"] : []),
          `services/payment-service/overlays/${env}/replica-patch.yaml`,
          `services/payment-service/overlays/${env}/resource-patch.yaml`,
        ]),
      ].sort(),
    );
  });

  it("renders a CronJob and no Service or Ingress for a batch job", () => {
    const files = renderGitopsService(makeSpec({ template: "batch-job", public: false }), makeOptions());
    expect(files).toHaveProperty(`services/${svc}/base/cronjob.yaml`);
    expect(Object.keys(files).filter((f) => /deployment|service\.yaml|ingress/.test(f))).toEqual([]);
  });

  it("every file is YAML and the paths match getOverlayPaths", () => {
    const files = renderGitopsService(makeSpec(), makeOptions());
    for (const [file, text] of Object.entries(files)) expect(() => parse(text), file).not.toThrow();
    const prod = getOverlayPaths(svc, "prod");
    for (const path of [
      prod.kustomization,
      prod.replicaPatch,
      prod.resourcePatch,
      prod.networkPolicy,
      prod.ingress,
      prod.application,
    ]) {
      expect(files).toHaveProperty([path]);
    }
  });

  it("wires the Application to the overlay and to Slipway's notifications, without ignoring replicas", () => {
    const files = renderGitopsService(makeSpec(), makeOptions({ argocdProject: "microservices" }));
    const app = parse(files[getOverlayPaths(svc, "staging").application] ?? "");
    expect(app.metadata.annotations).toMatchObject({
      "slipway.io/entity": "deployment/payment-service-staging",
      "slipway.io/service": svc,
      "notifications.argoproj.io/subscribe.on-sync-succeeded.slipway": "",
      "notifications.argoproj.io/subscribe.on-sync-failed.slipway": "",
      "notifications.argoproj.io/subscribe.on-health-degraded.slipway": "",
      "notifications.argoproj.io/subscribe.on-deployed.slipway": "",
      "link.argocd.argoproj.io/slipway": "https://slipway.example.com/catalog/service/payment-service",
    });
    expect(app.spec).toMatchObject({
      project: "microservices",
      source: {
        repoURL: "https://forgejo.local/platform/gitops.git",
        path: `services/${svc}/overlays/staging`,
        targetRevision: "main",
      },
      destination: { server: "https://kubernetes.default.svc", namespace: "backend-team-staging" },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: expect.arrayContaining(["CreateNamespace=true"]),
      },
    });
    expect(app.spec.syncPolicy.retry.backoff).toEqual({ duration: "5s", factor: 2, maxDuration: "3m" });
    expect(app.spec.ignoreDifferences).toBeUndefined();
  });

  it("points a branch-promotion environment's Application at its branch, the others at main", () => {
    const files = renderGitopsService(
      makeSpec(),
      makeOptions({
        environments: [
          { name: "staging", replicas: 1, production: false },
          { name: "prod", replicas: 2, production: true, branch: "production" },
        ],
      }),
    );
    const revision = (env: string) =>
      parse(files[getOverlayPaths(svc, env).application] ?? "").spec.source.targetRevision;
    expect(revision("staging")).toBe("main");
    expect(revision("prod")).toBe("production");
  });

  it("honours an explicit namespace and per-environment resources", () => {
    const files = renderGitopsService(
      makeSpec(),
      makeOptions({
        environments: [
          {
            name: "dev",
            namespace: "payments",
            replicas: 1,
            production: false,
            resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "100m", memory: "128Mi" } },
          },
        ],
      }),
    );
    const paths = getOverlayPaths(svc, "dev");
    expect(parse(files[paths.kustomization] ?? "").namespace).toBe("payments");
    expect(files[paths.resourcePatch]).toContain("cpu: 50m");
  });

  it("refuses bad options with field errors", () => {
    const bad = makeOptions({
      domain: "Apps.Example.com",
      environments: [
        { name: "prod", replicas: 3, production: true },
        { name: "prod", replicas: 3, production: true },
      ],
    });
    try {
      renderGitopsService(makeSpec(), bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).fields).toEqual({
        "options.domain": ["domain must be a lowercase DNS name such as apps.example.com"],
        "options.environments.1.name": ['environment "prod" is listed twice'],
        "options.environments": ["at most one environment can be production"],
      });
    }
  });

  it("refuses an invalid spec with the spec's field errors", () => {
    expect(() => renderGitopsService(makeSpec({ name: "Bad_Name" }), makeOptions())).toThrow(AppError);
  });
});
