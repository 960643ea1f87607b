import type { Resources } from "./manifests/gitops-options";
import type { Language } from "./service-spec";

/** What the manifests must know about the code the app repo's skeleton runs. */
export type RuntimeProfile = {
  livenessPath: string;
  readinessPath: string;
  metricsPath: string;
  // The JVM needs a while before the first probe can succeed; the startup probe absorbs it.
  startupSeconds: number;
  resources: Resources;
  // Container the CI test job runs in.
  ciImage: string;
};

const small: Resources = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } };

const profiles: Record<Language, RuntimeProfile> = {
  java: {
    livenessPath: "/actuator/health/liveness",
    readinessPath: "/actuator/health/readiness",
    metricsPath: "/actuator/prometheus",
    startupSeconds: 120,
    resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "1Gi" } },
    ciImage: "maven:3.9-eclipse-temurin-21",
  },
  node: {
    livenessPath: "/healthz",
    readinessPath: "/readyz",
    metricsPath: "/metrics",
    startupSeconds: 30,
    resources: small,
    ciImage: "node:20-bookworm",
  },
  go: {
    livenessPath: "/healthz",
    readinessPath: "/readyz",
    metricsPath: "/metrics",
    startupSeconds: 30,
    resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "500m", memory: "128Mi" } },
    ciImage: "golang:1.23-bookworm",
  },
  python: {
    livenessPath: "/healthz",
    readinessPath: "/readyz",
    metricsPath: "/metrics",
    startupSeconds: 30,
    resources: small,
    ciImage: "python:3.12-slim",
  },
};

export function getRuntimeProfile(language: Language): RuntimeProfile {
  return profiles[language];
}

/** Non-root UID/GID baked into every Dockerfile and asserted by every pod's securityContext. */
export const appUid = 10001;
