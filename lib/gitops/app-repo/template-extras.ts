import { getRuntimeProfile } from "../runtime";
import type { Language, ServiceSpec } from "../service-spec";
import { toYamlFile } from "../yaml-file";

// Where each skeleton serves static files from (see the language's sources).
const staticDirs: Record<Language, string> = {
  java: "src/main/resources/static",
  node: "public",
  go: "static",
  python: "static",
};

const indexHtml = (spec: ServiceSpec) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${spec.name}</title>
  </head>
  <body>
    <main>
      <h1>${spec.name}</h1>
      <p>Owned by ${spec.team}. Replace this page with the application.</p>
    </main>
  </body>
</html>
`;

function renderOpenApi(spec: ServiceSpec): string {
  const profile = getRuntimeProfile(spec.language);
  const probe = (summary: string) => ({ get: { summary, responses: { "200": { description: "OK" } } } });
  return toYamlFile({
    openapi: "3.1.0",
    info: { title: spec.name, version: spec.version, description: `API of ${spec.name}, owned by ${spec.team}.` },
    paths: {
      "/": {
        get: {
          summary: "Service name and version",
          responses: {
            "200": {
              description: "OK",
              content: {
                "application/json": {
                  schema: { type: "object", properties: { service: { type: "string" }, version: { type: "string" } } },
                },
              },
            },
          },
        },
      },
      [profile.livenessPath]: probe("Liveness (Kubernetes restarts the pod when this fails)"),
      [profile.readinessPath]: probe("Readiness (Kubernetes stops routing traffic when this fails)"),
    },
  });
}

/** What distinguishes the templates beyond the workload kind: an API contract, or a page to serve. */
export function renderTemplateExtras(spec: ServiceSpec): Record<string, string> {
  if (spec.template === "api-service") return { "openapi.yaml": renderOpenApi(spec) };
  if (spec.template === "web-app") return { [`${staticDirs[spec.language]}/index.html`]: indexHtml(spec) };
  return {};
}
