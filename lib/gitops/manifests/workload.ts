import {
  getCommonLabels,
  getConfigMapName,
  getDatabaseSecretName,
  getEnvConfigMapName,
  getRedisSecretName,
  getSelectorLabels,
} from "../names";
import { appUid, getRuntimeProfile } from "../runtime";
import { isBatch, type ServiceSpec } from "../service-spec";

type EnvVar = { name: string; valueFrom: { secretKeyRef: { name: string; key: string } } };

const toSecretEnv = (name: string, secret: string, key: string): EnvVar => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key } },
});

/** Connection settings come from secrets that exist only in the cluster: git holds references, never values. */
export function renderSecretEnv(spec: ServiceSpec): EnvVar[] {
  const env: EnvVar[] = [];
  if (spec.database) {
    env.push(toSecretEnv("DATABASE_URL", getDatabaseSecretName(spec.name), "uri"));
    if (spec.language === "java")
      env.push(toSecretEnv("SPRING_DATASOURCE_URL", getDatabaseSecretName(spec.name), "jdbc-uri"));
  }
  if (spec.redis) {
    env.push(toSecretEnv("REDIS_URL", getRedisSecretName(spec.name), "url"));
    if (spec.language === "java") env.push(toSecretEnv("SPRING_DATA_REDIS_URL", getRedisSecretName(spec.name), "url"));
  }
  return env;
}

const podSecurityContext = {
  runAsNonRoot: true,
  runAsUser: appUid,
  runAsGroup: appUid,
  fsGroup: appUid,
  seccompProfile: { type: "RuntimeDefault" },
};

const containerSecurityContext = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

function renderProbes(spec: ServiceSpec) {
  const profile = getRuntimeProfile(spec.language);
  const get = (path: string) => ({ httpGet: { path, port: spec.port } });
  return {
    startupProbe: {
      ...get(profile.livenessPath),
      periodSeconds: 5,
      failureThreshold: Math.ceil(profile.startupSeconds / 5),
    },
    livenessProbe: { ...get(profile.livenessPath), periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
    readinessProbe: { ...get(profile.readinessPath), periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 },
  };
}

function renderContainer(spec: ServiceSpec) {
  const batch = isBatch(spec);
  const secretEnvVars = renderSecretEnv(spec);
  return {
    name: spec.name,
    image: `${spec.image}:${spec.version}`,
    imagePullPolicy: "IfNotPresent",
    ...(batch ? {} : { ports: [{ name: "http", containerPort: spec.port, protocol: "TCP" }] }),
    envFrom: [
      { configMapRef: { name: getConfigMapName(spec.name) } },
      { configMapRef: { name: getEnvConfigMapName(spec.name) } },
    ],
    ...(secretEnvVars.length > 0 ? { env: secretEnvVars } : {}),
    resources: getRuntimeProfile(spec.language).resources,
    securityContext: containerSecurityContext,
    ...(batch ? {} : renderProbes(spec)),
    // The root filesystem is read-only; runtimes still want a scratch directory.
    volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
  };
}

function renderPodSpec(spec: ServiceSpec) {
  return {
    serviceAccountName: spec.name,
    automountServiceAccountToken: false,
    securityContext: podSecurityContext,
    ...(isBatch(spec) ? { restartPolicy: "Never" } : {}),
    containers: [renderContainer(spec)],
    volumes: [{ name: "tmp", emptyDir: { sizeLimit: "256Mi" } }],
  };
}

export function renderDeployment(spec: ServiceSpec) {
  const labels = getCommonLabels(spec);
  const profile = getRuntimeProfile(spec.language);
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: spec.name, labels },
    spec: {
      // The overlay's replica-patch.yaml owns the real count.
      replicas: 1,
      revisionHistoryLimit: 5,
      selector: { matchLabels: getSelectorLabels(spec) },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: {
          labels,
          annotations: {
            "prometheus.io/scrape": "true",
            "prometheus.io/port": String(spec.port),
            "prometheus.io/path": profile.metricsPath,
          },
        },
        spec: renderPodSpec(spec),
      },
    },
  };
}

export function renderCronJob(spec: ServiceSpec, schedule: string) {
  const labels = getCommonLabels(spec);
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: spec.name, labels },
    spec: {
      schedule,
      timeZone: "Etc/UTC",
      concurrencyPolicy: "Forbid",
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        metadata: { labels },
        spec: {
          // "Replicas" of a batch job: pods working in parallel (replica-patch.yaml owns it).
          parallelism: 1,
          backoffLimit: 2,
          activeDeadlineSeconds: 3600,
          ttlSecondsAfterFinished: 86400,
          template: { metadata: { labels }, spec: renderPodSpec(spec) },
        },
      },
    },
  };
}

/** Where the app container sits inside the workload, for patches and edits. */
export function getContainersPath(spec: Pick<ServiceSpec, "template">): string[] {
  return isBatch(spec)
    ? ["spec", "jobTemplate", "spec", "template", "spec", "containers"]
    : ["spec", "template", "spec", "containers"];
}
