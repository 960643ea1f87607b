import type { CatalogView } from "./catalog-view";
import type { Table } from "./csv";
import type { DoraDashboard, DoraFigures } from "./dora";
import type { PipelineView } from "./pipeline-view";
import type { ResourcesView } from "./resources-view";

// Every table each dashboard shows, flattened to rows: the pages render them and the CSV export
// serves them, so the two never disagree.

export const CATALOG_TABLES: Record<string, (v: CatalogView) => Table> = {
  services: (v) =>
    v.services.flatMap((s) =>
      s.deployments.map((d) => ({
        service: s.service,
        team: s.team,
        environment: d.environment,
        version: d.version,
        health: d.health,
        sync: d.sync,
        replicas: d.replicas,
        ready_replicas: d.readyReplicas,
        deployed_at: d.deployedAt,
        age_hours: d.ageHours,
        deployed_by: d.deployedBy,
        deployed_with: d.deployedWith,
      })),
    ),
  health: (v) => v.healthByEnvironment,
  activity: (v) => v.recentActivity,
};

export const PIPELINE_TABLES: Record<string, (v: PipelineView) => Table> = {
  stages: (v) =>
    v.services.flatMap((s) =>
      s.stages.map((st) => ({
        service: s.service,
        team: s.team,
        environment: st.environment,
        version: st.version,
        health: st.health,
      })),
    ),
  waiting: (v) =>
    v.services.flatMap((s) =>
      s.waiting.map((w) => ({
        service: s.service,
        action: w.action,
        deployment: w.deployment,
        target_environment: w.targetEnvironment,
        requested_by: w.requestedBy,
        requested_at: w.requestedAt,
        waiting_minutes: w.waitingMinutes,
      })),
    ),
  runs: (v) =>
    v.services.map((s) => ({
      service: s.service,
      succeeded: s.runs.succeeded,
      failed: s.runs.failed,
      success_rate: s.runs.successRate,
    })),
  "lead-times": (v) =>
    v.services.flatMap((s) =>
      s.leadTimes.map((l) => ({
        service: s.service,
        from: l.from,
        to: l.to,
        median_hours: l.medianHours,
        samples: l.samples,
      })),
    ),
  ahead: (v) =>
    v.services.flatMap((s) =>
      s.ahead.map((a) => ({
        service: s.service,
        lower: a.lower,
        upper: a.upper,
        lower_version: a.lowerVersion,
        upper_version: a.upperVersion,
        versions_ahead: a.versions.length,
        versions: a.versions.join(" "),
      })),
    ),
};

export const RESOURCES_TABLES: Record<string, (v: ResourcesView) => Table> = {
  totals: (v) =>
    v.byTeamAndEnvironment.map((r) => ({
      team: r.team,
      environment: r.environment,
      replicas: r.replicas,
      cpu_request_cores: r.cpuRequest,
      cpu_limit_cores: r.cpuLimit,
      memory_request_mib: r.memoryRequestMiB,
      memory_limit_mib: r.memoryLimitMiB,
    })),
  services: (v) =>
    v.services.flatMap((s) =>
      s.deployments.map((d) => ({
        service: s.service,
        team: s.team,
        environment: d.environment,
        replicas: d.replicas,
        cpu_request: d.cpuRequestPerReplica,
        cpu_limit: d.cpuLimitPerReplica,
        memory_request: d.memoryRequestPerReplica,
        memory_limit: d.memoryLimitPerReplica,
        cpu_request_cores: d.cpuRequest,
        memory_request_mib: d.memoryRequestMiB,
      })),
    ),
  scaling: (v) =>
    v.scaling.map((s) => ({
      at: s.at,
      deployment: s.deployment,
      team: s.team,
      status: s.status,
      replicas: s.replicas,
      cpu_limit: s.cpuLimit,
      memory_limit: s.memoryLimit,
      reason: s.reason,
      requested_by: s.requestedBy,
    })),
};

const figureRow = (f: DoraFigures) => ({
  deployments: f.deployments,
  per_day: f.perDay,
  frequency_level: f.frequencyLevel,
  lead_time_hours: f.leadTimeHours,
  lead_time_level: f.leadTimeLevel,
  failed: f.failed,
  change_failure_rate: f.changeFailureRate,
  change_failure_level: f.changeFailureLevel,
  recovery_minutes: f.recoveryMinutes,
  recovery_level: f.recoveryLevel,
});

export const DORA_TABLES: Record<string, (v: DoraDashboard) => Table> = {
  metrics: (v) => [
    {
      metric: "deployment frequency (per day)",
      value: v.metrics.perDay,
      level: v.metrics.frequencyLevel,
      previous: v.previous.perDay,
      trend: v.trend.deploymentFrequency,
      counts: `${v.metrics.deployments} deployments`,
    },
    {
      metric: "lead time for changes (median hours)",
      value: v.metrics.leadTimeHours,
      level: v.metrics.leadTimeLevel,
      previous: v.previous.leadTimeHours,
      trend: v.trend.leadTime,
      counts: `${v.metrics.leadTimeSamples} versions`,
    },
    {
      metric: "change failure rate",
      value: v.metrics.changeFailureRate,
      level: v.metrics.changeFailureLevel,
      previous: v.previous.changeFailureRate,
      trend: v.trend.changeFailureRate,
      counts: `${v.metrics.failed} of ${v.metrics.deployments}`,
    },
    {
      metric: "failed deployment recovery time (median minutes)",
      value: v.metrics.recoveryMinutes,
      level: v.metrics.recoveryLevel,
      previous: v.previous.recoveryMinutes,
      trend: v.trend.recoveryTime,
      counts: `${v.metrics.incidents} incidents, ${v.metrics.unrecovered} open`,
    },
  ],
  daily: (v) => v.daily,
  teams: (v) => v.teams.map((t) => ({ team: t.team, ...figureRow(t) })),
  services: (v) => v.services.map((s) => ({ service: s.service, team: s.team, ...figureRow(s) })),
};
