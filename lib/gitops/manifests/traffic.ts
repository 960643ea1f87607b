import { getCommonLabels, getHost, getSelectorLabels, getTlsSecretName } from "../names";
import { isBatch, type ServiceSpec } from "../service-spec";
import type { ResolvedEnvironment, ResolvedGitopsOptions } from "./gitops-options";

/** cert-manager's ingress-shim issues `<svc>-tls` from the annotated ClusterIssuer: no Certificate object needed. */
export function renderIngress(spec: ServiceSpec, env: ResolvedEnvironment, opts: ResolvedGitopsOptions) {
  const host = getHost(spec.name, env, opts.domain);
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: {
      name: spec.name,
      labels: getCommonLabels(spec),
      annotations: { "cert-manager.io/cluster-issuer": opts.clusterIssuer },
    },
    spec: {
      ingressClassName: opts.ingressClassName,
      tls: [{ hosts: [host], secretName: getTlsSecretName(spec.name) }],
      rules: [
        {
          host,
          http: {
            paths: [
              { path: "/", pathType: "Prefix", backend: { service: { name: spec.name, port: { number: spec.port } } } },
            ],
          },
        },
      ],
    },
  };
}

const allowNamespace = (name: string) => ({
  namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": name } },
});

/**
 * Production admits traffic to the app pods only from its own namespace, the ingress controller
 * and the Prometheus namespace (the pods advertise scrape annotations on the same port).
 * A batch job listens on nothing, so it admits nothing.
 */
export function renderNetworkPolicy(spec: ServiceSpec, opts: ResolvedGitopsOptions) {
  const ingress = isBatch(spec)
    ? []
    : [
        {
          from: [{ podSelector: {} }, allowNamespace(opts.ingressNamespace), allowNamespace(opts.monitoringNamespace)],
          ports: [{ protocol: "TCP", port: spec.port }],
        },
      ];
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: spec.name, labels: getCommonLabels(spec) },
    spec: { podSelector: { matchLabels: getSelectorLabels(spec) }, policyTypes: ["Ingress"], ingress },
  };
}
