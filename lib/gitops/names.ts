import type { ServiceSpec, Template } from "./service-spec";

// Every object name derives from the service name here, so renderers and editors agree.
export const getConfigMapName = (svc: string) => `${svc}-config`;
// Generated per overlay with a hash suffix, so a change to env values rolls the pods.
export const getEnvConfigMapName = (svc: string) => `${svc}-env`;
export const getDatabaseClusterName = (svc: string) => `${svc}-db`;
// CloudNativePG creates `<cluster>-app` with username, password, host, port, dbname, uri, jdbc-uri.
export const getDatabaseSecretName = (svc: string) => `${getDatabaseClusterName(svc)}-app`;
// Provisioned outside git (External Secrets, sealed secrets or by hand) with a `url` key.
export const getRedisSecretName = (svc: string) => `${svc}-redis`;
export const getTlsSecretName = (svc: string) => `${svc}-tls`;
export const getApplicationName = (svc: string, env: string) => `${svc}-${env}`;
/** A multi-cluster environment's Application on one of its clusters. */
export const getClusterApplicationName = (svc: string, env: string, cluster: string) => `${svc}-${env}-${cluster}`;
export const getApplicationPath = (app: string) => `argocd/apps/${app}.yaml`;
/** A Flux delivery (GitRepository + Kustomization of one name), the Flux engine's counterpart of an Application. */
export const getFluxDeliveryPath = (app: string) => `flux/apps/${app}.yaml`;
export const getDeliveryPath = (app: string, engine: "argocd" | "flux") =>
  engine === "flux" ? getFluxDeliveryPath(app) : getApplicationPath(app);
export const getDeploymentEntity = (svc: string, env: string) => `deployment/${getApplicationName(svc, env)}`;

export function getNamespace(team: string, env: { name: string; namespace?: string }): string {
  return env.namespace ?? `${team}-${env.name}`;
}

/** Production answers on `<svc>.<domain>`; every other environment on `<svc>.<env>.<domain>`. */
export function getHost(svc: string, env: { name: string; production: boolean }, domain: string): string {
  return env.production ? `${svc}.${domain}` : `${svc}.${env.name}.${domain}`;
}

/** Postgres identifiers: the service name with '-' turned into '_'. */
export const getDatabaseName = (svc: string) => svc.replaceAll("-", "_");

const components: Record<Template, string> = {
  "api-service": "api",
  "web-app": "web",
  "batch-job": "batch",
  microservice: "service",
};

export const getSelectorLabels = (spec: Pick<ServiceSpec, "name">) => ({ "app.kubernetes.io/name": spec.name });

export function getCommonLabels(spec: Pick<ServiceSpec, "name" | "team" | "template">): Record<string, string> {
  return {
    ...getSelectorLabels(spec),
    "app.kubernetes.io/component": components[spec.template],
    "app.kubernetes.io/part-of": spec.name,
    "app.kubernetes.io/managed-by": "slipway",
    "slipway.io/team": spec.team,
  };
}
