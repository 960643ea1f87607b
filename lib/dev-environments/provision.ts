import { toYamlFile } from "@/lib/gitops/yaml-file";
import { renderDevApplication, renderDevNamespace, type DevEnvironmentSpec } from "@/lib/gitops/dev-environment";
import type { RunPorts } from "@/lib/runs/ports";
import { getDevApplicationName, getDevNamespace, getDevUrl, type DevService } from "./names";

// Creating or updating a dev environment: its namespace, one Application per service and the
// catalog entity. Shared by the dev-environment-create action (each part a ctx.step) and the
// pull-request previews; every part is an idempotent apply.

export type Step = <T>(key: string, fn: () => Promise<T>) => Promise<T>;

export type DevEnvironmentRequest = DevEnvironmentSpec & {
  template: string;
  branch: string;
  ttl: string;
  expiresAt: string;
  databases: { name: string; type: string; seed_data?: string }[];
  resources?: Record<string, unknown>;
  pullRequest?: string;
  /** The service the environment previews (pull-request previews). */
  service?: string;
};

export async function provisionDevEnvironment(
  ports: RunPorts,
  request: DevEnvironmentRequest,
  gitopsRepoUrl: string,
  step: Step,
): Promise<{ url: string; namespace: string; applications: string[] }> {
  await step("namespace", () => ports.cluster.applyObject(toYamlFile(renderDevNamespace(request))));
  const applications: string[] = [];
  for (const service of request.services) {
    const name = getDevApplicationName(request.name, service.name);
    const manifest = renderDevApplication(request, service, { gitopsRepoUrl, registry: ports.gitops.registry });
    await step(`application-${service.name}`, () => ports.cluster.applyApplication(name, toYamlFile(manifest)));
    applications.push(name);
  }
  const url = getDevUrl(request.name, ports.gitops.domain);
  await step("record", () =>
    ports.catalog.upsertEntity("dev-environment", {
      identifier: request.name,
      title: request.name,
      team: request.team,
      properties: {
        owner: request.owner,
        template: request.template,
        branch: request.branch,
        ttl: request.ttl,
        expires_at: request.expiresAt,
        namespace: getDevNamespace(request.name),
        url,
        services: request.services.map((s: DevService) => ({ ...s })),
        databases: request.databases,
        ...(request.resources ? { resources: request.resources } : {}),
        ...(request.pullRequest ? { pull_request: request.pullRequest } : {}),
      },
      relations: request.service ? { service: request.service } : {},
    }),
  );
  return { url, namespace: getDevNamespace(request.name), applications };
}
