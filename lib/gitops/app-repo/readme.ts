import { getOverlayPaths } from "../paths";
import { getRuntimeProfile } from "../runtime";
import { isBatch, type Language, type ServiceSpec } from "../service-spec";
import type { AppRepoOptions } from "./app-repo-options";

const localRun: Record<Language, { server: string; job: string; test: string }> = {
  java: { server: "mvn spring-boot:run", job: "mvn spring-boot:run", test: "mvn verify" },
  node: { server: "npm install && npm start", job: "npm install && npm start", test: "npm test" },
  go: { server: "go run .", job: "go run .", test: "go test ./..." },
  python: {
    server: "pip install -r requirements.txt && uvicorn app.main:app --reload",
    job: "python -m app.job",
    test: "pip install -r requirements-dev.txt && python -m pytest",
  },
};

const templateBlurb: Record<ServiceSpec["template"], string> = {
  "api-service": "an HTTP API (contract in `openapi.yaml`)",
  "web-app": "a web application serving a static page",
  "batch-job": "a batch job run on a schedule by a Kubernetes CronJob",
  microservice: "a microservice",
};

function listEnvironmentVariables(spec: ServiceSpec): string[] {
  const rows = ["| `ENVIRONMENT`, `LOG_LEVEL` | per environment, from the GitOps overlay |"];
  if (!isBatch(spec)) rows.unshift(`| \`PORT\` | ${spec.port} |`);
  if (spec.database) {
    const vars = spec.language === "java" ? "`DATABASE_URL`, `SPRING_DATASOURCE_URL`" : "`DATABASE_URL`";
    rows.push(`| ${vars} | from the CloudNativePG secret \`${spec.name}-db-app\` |`);
  }
  if (spec.redis)
    rows.push(
      "| `REDIS_URL` | from the secret `" + spec.name + "-redis` (key `url`), provisioned by the platform team |",
    );
  return rows;
}

export function renderReadme(spec: ServiceSpec, opts: AppRepoOptions): string {
  const run = localRun[spec.language];
  const profile = getRuntimeProfile(spec.language);
  const devOverlay = getOverlayPaths(spec.name, opts.devEnvironment ?? "dev").dir;
  const endpoints = isBatch(spec)
    ? []
    : [
        "## Endpoints",
        "",
        `- \`${profile.livenessPath}\`: liveness`,
        `- \`${profile.readinessPath}\`: readiness`,
        `- \`${profile.metricsPath}\`: Prometheus metrics`,
        "",
      ];
  return [
    `# ${spec.name}`,
    "",
    `${spec.name} is ${templateBlurb[spec.template]}, written in ${spec.language} (${spec.framework}) and owned by **${spec.team}**.`,
    "It was created from Slipway's golden path; its catalog entry is `service/" + spec.name + "`.",
    "",
    "## Develop",
    "",
    "```sh",
    isBatch(spec) ? run.job : run.server,
    run.test,
    "```",
    "",
    ...endpoints,
    "## Configuration",
    "",
    "| variable | source |",
    "| --- | --- |",
    ...listEnvironmentVariables(spec),
    "",
    "## Delivery",
    "",
    "`.forgejo/workflows/ci.yaml` tests every push and pull request, scans dependencies and the image with Trivy,",
    `and on \`main\` pushes \`${spec.image}:<commit>\` and pins \`${devOverlay}\` in the GitOps repository to it.`,
    "ArgoCD deploys from there. Promote, roll back and scale through Slipway's actions rather than by editing",
    "the GitOps repository: the actions ask for the approvals each environment needs and record who did what.",
    "",
  ].join("\n");
}
