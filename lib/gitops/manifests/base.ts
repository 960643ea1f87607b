import {
  getCommonLabels,
  getConfigMapName,
  getDatabaseClusterName,
  getDatabaseName,
  getSelectorLabels,
} from "../names";
import { getBaseDir } from "../paths";
import { isBatch, type ServiceSpec } from "../service-spec";
import { toYamlFile } from "../yaml-file";
import type { ResolvedGitopsOptions } from "./gitops-options";
import { renderCronJob, renderDeployment } from "./workload";

const baseHeader = "Base shared by every environment of this service. Environment specifics live in ../overlays/<env>.";

function renderService(spec: ServiceSpec) {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: spec.name, labels: getCommonLabels(spec) },
    spec: {
      type: "ClusterIP",
      selector: getSelectorLabels(spec),
      // Same number on both sides: NetworkPolicies and Ingresses then name one port.
      ports: [{ name: "http", port: spec.port, targetPort: "http", protocol: "TCP" }],
    },
  };
}

function renderServiceAccount(spec: ServiceSpec) {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: spec.name, labels: getCommonLabels(spec) },
    automountServiceAccountToken: false,
  };
}

const languageConfig: Record<ServiceSpec["language"], Record<string, string>> = {
  java: { SPRING_PROFILES_ACTIVE: "kubernetes", JAVA_TOOL_OPTIONS: "-XX:MaxRAMPercentage=75" },
  node: { NODE_ENV: "production" },
  go: {},
  python: { PYTHONDONTWRITEBYTECODE: "1", PYTHONUNBUFFERED: "1" },
};

function renderConfigMap(spec: ServiceSpec) {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: getConfigMapName(spec.name), labels: getCommonLabels(spec) },
    data: { SERVICE_NAME: spec.name, PORT: String(spec.port), LOG_FORMAT: "json", ...languageConfig[spec.language] },
  };
}

/** CloudNativePG Cluster; the operator generates the `<cluster>-app` secret the workload reads. */
export function renderDatabaseCluster(spec: ServiceSpec) {
  return {
    apiVersion: "postgresql.cnpg.io/v1",
    kind: "Cluster",
    metadata: {
      name: getDatabaseClusterName(spec.name),
      // Not the app's name label: the production NetworkPolicy must not fence in the database pods.
      labels: {
        "app.kubernetes.io/name": getDatabaseClusterName(spec.name),
        "app.kubernetes.io/component": "database",
        "app.kubernetes.io/part-of": spec.name,
        "app.kubernetes.io/managed-by": "slipway",
        "slipway.io/team": spec.team,
      },
    },
    spec: {
      // Production overlays raise instances and storage.
      instances: 1,
      storage: { size: "1Gi" },
      bootstrap: { initdb: { database: getDatabaseName(spec.name), owner: getDatabaseName(spec.name) } },
    },
  };
}

export function renderBase(spec: ServiceSpec, opts: ResolvedGitopsOptions): Record<string, string> {
  const dir = getBaseDir(spec.name);
  const batch = isBatch(spec);
  const workloadFile = batch ? "cronjob.yaml" : "deployment.yaml";
  const resources = ["serviceaccount.yaml", "configmap.yaml", workloadFile];
  const files: Record<string, string> = {
    [`${dir}/serviceaccount.yaml`]: toYamlFile(renderServiceAccount(spec), baseHeader),
    [`${dir}/configmap.yaml`]: toYamlFile(renderConfigMap(spec), baseHeader),
    [`${dir}/${workloadFile}`]: toYamlFile(
      batch ? renderCronJob(spec, opts.cronSchedule) : renderDeployment(spec),
      `${baseHeader}\nSecrets are referenced by name only; their values never enter git.`,
    ),
  };
  if (!batch) {
    files[`${dir}/service.yaml`] = toYamlFile(renderService(spec), baseHeader);
    resources.push("service.yaml");
  }
  if (spec.database) {
    files[`${dir}/database.yaml`] = toYamlFile(renderDatabaseCluster(spec), baseHeader);
    resources.push("database.yaml");
  }
  files[`${dir}/kustomization.yaml`] = toYamlFile(
    { apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources },
    baseHeader,
  );
  return files;
}
