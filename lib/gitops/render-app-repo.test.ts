import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { renderAppRepo } from "./render-app-repo";
import { languages, templates } from "./service-spec";
import { makeSpec } from "@/tests/gitops/fixtures";

const combos = languages.flatMap((language) => templates.map((template) => ({ language, template })));

describe("renderAppRepo", () => {
  it.each(combos)(
    "$template in $language: README, Dockerfile, pipeline and a tested skeleton",
    ({ language, template }) => {
      const files = renderAppRepo(makeSpec({ language, template, public: false }));
      expect(Object.keys(files)).toEqual(
        expect.arrayContaining(["README.md", "Dockerfile", ".forgejo/workflows/ci.yaml"]),
      );
      const tests = Object.keys(files).filter((f) => /(^|\/)(test_|tests?\/|.*Test\.java$|.*_test\.go$)/.test(f));
      expect(tests.length, "a test file").toBeGreaterThan(0);
      expect(files.Dockerfile).toMatch(/^USER 10001:10001$/m);
      expect(files["README.md"]).toContain("# payment-service");
      if (template === "batch-job") expect(files.Dockerfile).not.toContain("EXPOSE");
      else expect(files.Dockerfile).toContain("EXPOSE 8080");
    },
  );

  it("runs test, scan, build and bump-dev jobs in that order", () => {
    const ci = parse(
      renderAppRepo(makeSpec(), { gitopsRepoUrl: "https://forgejo.local/platform/gitops.git" })[
        ".forgejo/workflows/ci.yaml"
      ] ?? "",
    );
    expect(Object.keys(ci.jobs)).toEqual(["test", "scan", "build", "bump-dev"]);
    expect(ci.jobs.build.needs).toEqual(["test", "scan"]);
    expect(ci.jobs["bump-dev"].needs).toEqual(["build"]);
    expect(ci.jobs["bump-dev"].env).toMatchObject({
      GITOPS_REPO: "https://forgejo.local/platform/gitops.git",
      OVERLAY: "services/payment-service/overlays/dev",
    });
    expect(JSON.stringify(ci.jobs.scan)).toContain("trivy");
    const build = JSON.stringify(ci.jobs.build.steps);
    expect(build).toContain("Scan image");
    expect(build.indexOf("Scan image")).toBeLessThan(build.indexOf("docker push"));
    expect(ci.env.IMAGE).toBe("registry.local/payments/payment-service");
  });

  it("falls back to a repository variable for the GitOps repo", () => {
    const ci = parse(renderAppRepo(makeSpec())[".forgejo/workflows/ci.yaml"] ?? "");
    expect(ci.jobs["bump-dev"].env.GITOPS_REPO).toBe("${{ vars.GITOPS_REPO_URL }}");
  });

  it("gives the Spring Boot service its actuator endpoints and a Java package", () => {
    const files = renderAppRepo(makeSpec());
    expect(files["src/main/resources/application.yaml"]).toContain("probes:\n        enabled: true");
    expect(files).toHaveProperty(["src/main/java/com/backendteam/paymentservice/Application.java"]);
    expect(files["pom.xml"]).toContain("<artifactId>spring-boot-starter-jdbc</artifactId>");
    expect(files["pom.xml"]).not.toContain("spring-boot-starter-data-redis");
  });

  it("adds the template's extra: an OpenAPI contract or a static page", () => {
    expect(renderAppRepo(makeSpec({ template: "api-service" }))).toHaveProperty(["openapi.yaml"]);
    expect(renderAppRepo(makeSpec({ language: "node", template: "web-app" }))).toHaveProperty(["public/index.html"]);
    expect(renderAppRepo(makeSpec({ language: "go", template: "web-app" }))).toHaveProperty(["static/index.html"]);
  });
});
