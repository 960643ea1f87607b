import { renderApplication } from "./manifests/application";
import { renderBase } from "./manifests/base";
import { gitopsOptionsSchema, type GitopsOptions } from "./manifests/gitops-options";
import { renderOverlay } from "./manifests/overlay";
import { getApplicationPath, getClusterApplicationName } from "./names";
import { getOverlayPaths } from "./paths";
import { parseInput } from "./parse-input";
import { serviceSpecSchema, type ServiceSpec } from "./service-spec";
import { toYamlFile } from "./yaml-file";

/**
 * The service's whole GitOps tree: `services/<svc>/base`, one overlay per environment and one
 * ArgoCD Application per environment (per cluster when it spans two or more). Throws a validation AppError on bad input.
 */
export function renderGitopsService(spec: ServiceSpec, opts: GitopsOptions): Record<string, string> {
  const service = parseInput(serviceSpecSchema, spec, "spec");
  const options = parseInput(gitopsOptionsSchema, opts, "options");
  const files = renderBase(service, options);
  for (const env of options.environments) {
    Object.assign(files, renderOverlay(service, env, options));
    const header = "Applied to the cluster by Slipway when the service is created, and kept here as its record.";
    if (env.clusters.length < 2) {
      files[getOverlayPaths(service.name, env.name).application] = toYamlFile(
        renderApplication(service, env, options),
        header,
      );
      continue;
    }
    for (const cluster of env.clusters)
      files[getApplicationPath(getClusterApplicationName(service.name, env.name, cluster.name))] = toYamlFile(
        renderApplication(service, env, options, cluster),
        header,
      );
  }
  return files;
}
