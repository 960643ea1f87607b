import { z } from "zod";
import { createDnsLabelSchema } from "../service-spec";

const quantity = z
  .string()
  .regex(/^[0-9]+(\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/, "must be a Kubernetes quantity such as 250m, 1, 512Mi");

export const resourcesSchema = z.object({
  requests: z.object({ cpu: quantity, memory: quantity }),
  limits: z.object({ cpu: quantity, memory: quantity }),
});

export type Resources = z.infer<typeof resourcesSchema>;

// 20 keeps `<service>-<env>` (≤ 40 + 1 + 20) inside one 63-character label.
export const environmentSchema = z.object({
  name: createDnsLabelSchema("environment name", 20),
  namespace: createDnsLabelSchema("namespace", 63).optional(),
  replicas: z
    .number()
    .int("replicas must be a whole number")
    .min(0, "replicas must be 0 or more")
    .max(100, "replicas must be at most 100"),
  production: z.boolean(),
  // Per-environment requests/limits; the language's defaults otherwise.
  resources: resourcesSchema.optional(),
  // Two or more: one Application per cluster, each with the cluster's API server as destination.
  clusters: z
    .array(z.object({ name: createDnsLabelSchema("cluster name", 40), server: z.string().min(1).nullish() }))
    .default([]),
  // Which GitOps engine reconciles the environment: an ArgoCD Application, or a Flux GitRepository + Kustomization.
  engine: z.enum(["argocd", "flux"]).default("argocd"),
  // The GitOps branch the engine follows (branch promotion); the options' targetRevision otherwise.
  branch: z.string().min(1).optional(),
});

export type EnvironmentOptions = z.input<typeof environmentSchema>;

const hostname = z
  .string()
  .min(1, "domain is required")
  .max(200, "domain must be at most 200 characters")
  .regex(
    /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
    "domain must be a lowercase DNS name such as apps.example.com",
  );

export const gitopsOptionsSchema = z
  .object({
    environments: z.array(environmentSchema).min(1, "at least one environment is required"),
    gitopsRepoUrl: z.string().min(1, "gitopsRepoUrl is required"),
    appRepoUrl: z.string().min(1, "appRepoUrl is required"),
    argocdProject: z.string().min(1).default("default"),
    argocdNamespace: z.string().min(1).default("argocd"),
    destinationServer: z.string().min(1).default("https://kubernetes.default.svc"),
    targetRevision: z.string().min(1).default("main"),
    fluxNamespace: z.string().min(1).default("flux-system"),
    // How often Flux polls the GitOps repository and re-applies the overlay (runs ask for a reconcile sooner).
    fluxInterval: z.string().min(1).default("1m"),
    // The Secret (in fluxNamespace) a private GitOps repository is read with; unset: public.
    fluxGitSecret: z.string().min(1).optional(),
    domain: hostname,
    // The catalog page the ArgoCD UI links to from each Application, used as given.
    catalogUrl: z.url("catalogUrl must be an absolute URL").optional(),
    clusterIssuer: z.string().min(1).default("letsencrypt"),
    ingressClassName: z.string().min(1).default("nginx"),
    // Production NetworkPolicies admit traffic from these namespaces (plus the service's own).
    ingressNamespace: z.string().min(1).default("ingress-nginx"),
    monitoringNamespace: z.string().min(1).default("monitoring"),
    cronSchedule: z.string().min(1).default("0 * * * *"),
  })
  .superRefine((opts, ctx) => {
    const seen = new Set<string>();
    opts.environments.forEach((env, i) => {
      if (seen.has(env.name)) {
        ctx.addIssue({
          code: "custom",
          path: ["environments", i, "name"],
          message: `environment "${env.name}" is listed twice`,
        });
      }
      seen.add(env.name);
    });
    if (opts.environments.filter((e) => e.production).length > 1) {
      // The production host is `<svc>.<domain>`: two production environments would claim the same one.
      ctx.addIssue({ code: "custom", path: ["environments"], message: "at most one environment can be production" });
    }
  });

export type GitopsOptions = z.input<typeof gitopsOptionsSchema>;
export type ResolvedGitopsOptions = z.output<typeof gitopsOptionsSchema>;
export type ResolvedEnvironment = ResolvedGitopsOptions["environments"][number];

export const defaultEnvironments: EnvironmentOptions[] = [
  { name: "dev", replicas: 1, production: false },
  { name: "staging", replicas: 2, production: false },
  { name: "prod", replicas: 3, production: true },
];
