import type { AppRepoOptions } from "./app-repo/app-repo-options";
import { renderCiWorkflow } from "./app-repo/ci-workflow";
import { dockerignore, gitignore, renderDockerfile } from "./app-repo/dockerfile";
import { renderGoSources } from "./app-repo/go-sources";
import { renderJavaSources } from "./app-repo/java-sources";
import { renderNodeSources } from "./app-repo/node-sources";
import { renderPythonSources } from "./app-repo/python-sources";
import { renderReadme } from "./app-repo/readme";
import { renderTemplateExtras } from "./app-repo/template-extras";
import { parseInput } from "./parse-input";
import { serviceSpecSchema, type ServiceSpec } from "./service-spec";

const sourceRenderers = {
  java: renderJavaSources,
  node: renderNodeSources,
  go: renderGoSources,
  python: renderPythonSources,
} satisfies Record<ServiceSpec["language"], (spec: ServiceSpec) => Record<string, string>>;

/**
 * The first commit of the service's own repository: golden-path skeleton for the template and
 * language, Dockerfile and Forgejo Actions pipeline. Throws a validation AppError on bad input.
 */
export function renderAppRepo(spec: ServiceSpec, opts: AppRepoOptions = {}): Record<string, string> {
  const service = parseInput(serviceSpecSchema, spec, "spec");
  return {
    "README.md": renderReadme(service, opts),
    Dockerfile: renderDockerfile(service),
    ".dockerignore": dockerignore,
    ".gitignore": gitignore,
    ".forgejo/workflows/ci.yaml": renderCiWorkflow(service, opts),
    ...sourceRenderers[service.language](service),
    ...renderTemplateExtras(service),
  };
}
