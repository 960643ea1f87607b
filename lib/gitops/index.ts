// Pure rendering and editing of the files behind the GitOps actions: no git, no network.
export { renderAppRepo } from "./render-app-repo";
export type { AppRepoOptions } from "./app-repo/app-repo-options";
export { renderGitopsService } from "./render-gitops-service";
export {
  defaultEnvironments,
  gitopsOptionsSchema,
  type EnvironmentOptions,
  type GitopsOptions,
  type Resources,
} from "./manifests/gitops-options";
export { notificationTriggers } from "./manifests/application";
export { fluxKustomizeApiVersion, fluxSourceApiVersion } from "./manifests/flux-delivery";
export {
  serviceSpecSchema,
  supportedFrameworks,
  languages,
  templates,
  type ServiceSpec,
  type Language,
  type Template,
} from "./service-spec";
export { getOverlayPaths, getServiceDir, getBaseDir, type OverlayPaths } from "./paths";
export {
  getApplicationName,
  getApplicationPath,
  getDeliveryPath,
  getFluxDeliveryPath,
  getClusterApplicationName,
  getDatabaseSecretName,
  getDeploymentEntity,
  getHost,
  getNamespace,
} from "./names";
export { readImageTag, setImageTag } from "./edit/image-tag";
export { readScale, setScale, type CurrentScale, type ScaleChange, type ScaleFiles } from "./edit/scale";
export { validateScale, type ScaleConstraints, type ScaleInput } from "./edit/validate-scale";
export { parseCpu, parseMemory } from "./edit/quantity";
