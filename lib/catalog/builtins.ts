import type { BlueprintCreateInput } from "./inputs";

// Built-in blueprints (design: team, service, environment, deployment, cluster, paas, dev-environment).
export const HEALTH_STATUSES = ["Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown"] as const;
export const SYNC_STATUSES = ["Synced", "OutOfSync", "Unknown"] as const;

export const builtinBlueprints: BlueprintCreateInput[] = [
  {
    identifier: "team",
    title: "Team",
    icon: "users",
    description: "A group of people owning services; its OIDC group makes its members.",
    schema: {
      type: "object",
      properties: {
        oidc_group: { type: "string", title: "OIDC group" },
        slack_channel: { type: "string", title: "Slack channel" },
        description: { type: "string", title: "Description" },
        dev_env_max_ttl_hours: {
          type: "integer",
          title: "Dev environments: longest time to live (hours)",
          minimum: 1,
          default: 168,
        },
        dev_env_max_live: { type: "integer", title: "Dev environments: most live at once", minimum: 0, default: 5 },
      },
    },
    relations: {},
  },
  {
    identifier: "cluster",
    title: "Cluster",
    icon: "server",
    description: "A Kubernetes cluster that ArgoCD or Flux deploys to.",
    schema: {
      type: "object",
      properties: {
        api_url: { type: "string", title: "API URL", format: "uri" },
        region: { type: "string", title: "Region" },
        provider: { type: "string", title: "Provider", enum: ["on-prem", "aws", "gcp", "azure", "kind"] },
        // Credentials by reference only: the catalog never holds a token or a kubeconfig.
        credentials_secret: {
          type: "string",
          title: "Credentials Secret",
          description: "Name of the Kubernetes Secret (ArgoCD cluster secret) holding this cluster's credentials",
          pattern: "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$",
        },
        kubeconfig_context: { type: "string", title: "Kubeconfig context" },
        labels: {
          type: "object",
          title: "Labels",
          description: "e.g. compliance: pci-dss",
          additionalProperties: { type: "string" },
        },
      },
    },
    relations: {},
  },
  {
    identifier: "environment",
    title: "Environment",
    icon: "layers",
    description: "A stage in the promotion path (dev → staging → prod).",
    schema: {
      type: "object",
      properties: {
        order: { type: "integer", title: "Promotion order", minimum: 0 },
        min_replicas: { type: "integer", title: "Minimum replicas", minimum: 0, default: 1 },
        max_replicas: { type: "integer", title: "Maximum replicas", minimum: 1, default: 10 },
        production: { type: "boolean", title: "Production", default: false },
        engine: { type: "string", title: "GitOps engine", enum: ["argocd", "flux"], default: "argocd" },
        promotion: {
          type: "string",
          title: "Promotion",
          description: "overlay: promote edits the environment's overlay on main; branch: merges main into the branch",
          enum: ["overlay", "branch"],
          default: "overlay",
        },
        branch: { type: "string", title: "Branch (branch promotion)", default: "production" },
        policy_gates: { type: "boolean", title: "Policy gates (default: production environments)" },
        namespace_labels: {
          type: "object",
          title: "Namespace labels (what policies' namespaceSelectors see)",
          additionalProperties: { type: "string" },
        },
        soak_minutes: { type: "integer", title: "Soak time: minutes Healthy in the previous environment", minimum: 0 },
        health_check_url: {
          type: "string",
          title: "Health check before promoting here ({service}, {environment} are replaced)",
        },
      },
    },
    relations: {
      cluster: { title: "Cluster", target: "cluster", many: false, required: false },
      // One Application per cluster when there are two or more (`<svc>-<env>-<cluster>`).
      clusters: { title: "Clusters", target: "cluster", many: true, required: false },
    },
  },
  {
    identifier: "paas",
    title: "Paas",
    icon: "package",
    description:
      "An opr-paas Paas: platform capabilities (ArgoCD, Forgejo, Grafana, Harbor, Tekton, Vault), extra namespaces and a quota for one application.",
    schema: {
      type: "object",
      properties: {
        capabilities: {
          type: "array",
          title: "Capabilities",
          items: { type: "string", enum: ["argocd", "forgejo", "grafana", "harbor", "tekton", "vault"] },
          uniqueItems: true,
        },
        namespaces: { type: "array", title: "Extra namespaces", items: { type: "string" }, uniqueItems: true },
        cpu_quota: { type: "string", title: "CPU quota (limits.cpu)" },
        memory_quota: { type: "string", title: "Memory quota (limits.memory)" },
        storage_quota: { type: "string", title: "Storage quota (requests.storage)" },
      },
    },
    relations: {},
  },
  {
    identifier: "service",
    title: "Service",
    icon: "box",
    description: "A microservice with an app repository and GitOps manifests.",
    schema: {
      type: "object",
      properties: {
        description: { type: "string", title: "Description", maxLength: 500 },
        language: { type: "string", title: "Language", enum: ["java", "node", "go", "python"] },
        framework: { type: "string", title: "Framework" },
        template: { type: "string", title: "Template", enum: ["api-service", "web-app", "batch-job", "microservice"] },
        port: { type: "integer", title: "Port", minimum: 1, maximum: 65535 },
        database: { type: "boolean", title: "PostgreSQL database", default: false },
        redis: { type: "boolean", title: "Redis cache", default: false },
        public: { type: "boolean", title: "Publicly exposed", default: false },
        lifecycle: { type: "string", title: "Lifecycle", enum: ["experimental", "production", "deprecated"] },
        repository: { type: "string", title: "Repository URL", format: "uri" },
      },
      required: ["language"],
    },
    relations: {
      dependsOn: { title: "Depends on", target: "service", many: true, required: false },
      paas: { title: "Paas", target: "paas", many: false, required: false },
    },
  },
  {
    identifier: "deployment",
    title: "Deployment",
    icon: "rocket",
    description: "A service running in one environment (<service>-<env>), mirrored from ArgoCD.",
    schema: {
      type: "object",
      properties: {
        status: { type: "string", title: "Health", enum: [...HEALTH_STATUSES] },
        sync_status: { type: "string", title: "Sync status", enum: [...SYNC_STATUSES] },
        version: { type: "string", title: "Version" },
        revision: { type: "string", title: "Git revision" },
        replicas: { type: "integer", title: "Replicas", minimum: 0 },
        ready_replicas: { type: "integer", title: "Ready replicas", minimum: 0 },
        cpu_request: { type: "string", title: "CPU request per replica", description: "e.g. 250m or 1" },
        cpu_limit: { type: "string", title: "CPU limit per replica" },
        memory_request: { type: "string", title: "Memory request per replica", description: "e.g. 256Mi or 1Gi" },
        memory_limit: { type: "string", title: "Memory limit per replica" },
        promoted_from: { type: "string", title: "Promoted from" },
        change_ticket: { type: "string", title: "Change ticket" },
        last_sync: { type: "string", title: "Last sync", format: "date-time" },
        health_message: { type: "string", title: "Health message" },
        degraded_at: { type: "string", title: "Degraded at", format: "date-time" },
        deployed_at: { type: "string", title: "Deployed at", format: "date-time" },
        clusters: {
          type: "object",
          title: "Per cluster",
          description: "Health, sync and version of each cluster's Application; status above is the worst of them",
          additionalProperties: { type: "object" },
        },
      },
    },
    relations: {
      service: { title: "Service", target: "service", many: false, required: true },
      environment: { title: "Environment", target: "environment", many: false, required: true },
    },
  },
  {
    identifier: "dev-environment",
    title: "Dev environment",
    icon: "flask-conical",
    description:
      "An on-demand, short-lived environment for a branch or pull request, removed when its time to live runs out.",
    schema: {
      type: "object",
      properties: {
        owner: { type: "string", title: "Owner", format: "email" },
        template: { type: "string", title: "Template" },
        branch: { type: "string", title: "Branch" },
        ttl: { type: "string", title: "Time to live" },
        expires_at: { type: "string", title: "Expires at", format: "date-time" },
        namespace: { type: "string", title: "Namespace" },
        url: { type: "string", title: "URL", format: "uri" },
        services: {
          type: "array",
          title: "Services",
          items: {
            type: "object",
            properties: {
              name: { type: "string" },
              git: { type: "string" },
              branch: { type: "string" },
              image: { type: "string" },
            },
          },
        },
        databases: {
          type: "array",
          title: "Databases",
          items: {
            type: "object",
            properties: { name: { type: "string" }, type: { type: "string" }, seed_data: { type: "string" } },
          },
        },
        resources: { type: "object", title: "Resources" },
        pull_request: { type: "string", title: "Pull request", format: "uri" },
      },
    },
    relations: { service: { title: "Service", target: "service", many: false, required: false } },
  },
];
