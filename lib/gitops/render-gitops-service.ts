import { renderApplication } from "./manifests/application";
import { renderBase } from "./manifests/base";
import { renderFluxDelivery } from "./manifests/flux-delivery";
import { gitopsOptionsSchema, type GitopsOptions, type ResolvedEnvironment } from "./manifests/gitops-options";
import { renderOverlay } from "./manifests/overlay";
import { getApplicationName, getClusterApplicationName, getDeliveryPath } from "./names";
import { parseInput } from "./parse-input";
import { serviceSpecSchema, type ServiceSpec } from "./service-spec";
import { toYamlDocuments, toYamlFile } from "./yaml-file";

const header = "Applied to the cluster by Slipway when the service is created, and kept here as its record.";

/**
 * The service's whole GitOps tree: `services/<svc>/base`, one overlay per environment and, per
 * environment (per cluster when it spans two or more), its engine's object: an ArgoCD Application
 * in `argocd/apps/`, or a Flux GitRepository + Kustomization in `flux/apps/`. Throws a validation
 * AppError on bad input.
 */
export function renderGitopsService(spec: ServiceSpec, opts: GitopsOptions): Record<string, string> {
  const service = parseInput(serviceSpecSchema, spec, "spec");
  const options = parseInput(gitopsOptionsSchema, opts, "options");
  const files = renderBase(service, options);
  for (const env of options.environments) {
    Object.assign(files, renderOverlay(service, env, options));
    const targets: (ResolvedEnvironment["clusters"][number] | undefined)[] =
      env.clusters.length < 2 ? [undefined] : env.clusters;
    for (const cluster of targets) {
      const name = cluster
        ? getClusterApplicationName(service.name, env.name, cluster.name)
        : getApplicationName(service.name, env.name);
      files[getDeliveryPath(name, env.engine)] =
        env.engine === "flux"
          ? toYamlDocuments(renderFluxDelivery(service, env, options, cluster), header)
          : toYamlFile(renderApplication(service, env, options, cluster), header);
    }
  }
  return files;
}
