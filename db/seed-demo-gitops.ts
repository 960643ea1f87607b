import { updateEntity } from "@/lib/catalog/entities";
import { findEntity } from "@/lib/catalog/entity-lookup";
import { getApplicationName, type Language, type Template } from "@/lib/gitops";
import type { RunPorts } from "@/lib/runs/ports";
import { versionTrail } from "./demo-history";
import { brokenVersion, demoDeployment, demoServices, resourcesOf } from "./seed";
import { seedDemoGitops, type DemoGitopsResult, type DemoGitopsService } from "./seed-gitops";

const environments = [
  { name: "dev", production: false },
  { name: "staging", production: false },
  { name: "prod", production: true },
] as const;

// How many versions of each environment's history the overlays record (rollback offers these).
const KEPT_VERSIONS = 3;

/** What an environment ran up to its current version, the last KEPT_VERSIONS of them. */
function versionsUpTo(devVersion: string, current: string): string[] {
  const trail = versionTrail(devVersion);
  const end = trail.indexOf(current);
  return end < 0 ? [current] : trail.slice(Math.max(0, end + 1 - KEPT_VERSIONS), end + 1);
}

/**
 * Gives the demo services still in the catalog their repositories, GitOps tree and Applications,
 * and records each repository on its service. Safe on every start: what exists is left alone, so a
 * catalog seeded before this existed is completed and a second run creates nothing.
 */
export async function ensureDemoGitops(ports: RunPorts): Promise<DemoGitopsResult> {
  const present: DemoGitopsService[] = [];
  const applications = new Set((await ports.cluster.listApplications()).map((a) => a.name));
  for (const [i, [name, team, language, framework, template, extra]] of demoServices.entries()) {
    const entity = await findEntity("service", name);
    // Someone else's service of the same name, or one they removed: not ours to fill.
    if (!entity || entity.team !== team || entity.properties.template !== template) continue;
    // Done on an earlier start: its repository is recorded last, after its Applications.
    if (entity.properties.repository && environments.every((e) => applications.has(getApplicationName(name, e.name))))
      continue;
    const devVersion = demoDeployment(i, "dev").version;
    present.push({
      name,
      team,
      language: language as Language,
      framework,
      template: template as Template,
      port: 8080,
      database: extra?.database === true,
      redis: extra?.redis === true,
      public: extra?.public === true,
      environments: Object.fromEntries(
        environments.map((e) => {
          const d = demoDeployment(i, e.name);
          const r = resourcesOf(i, e.name);
          return [
            e.name,
            {
              replicas: d.replicas,
              resources: {
                requests: { cpu: r.cpu_request, memory: r.memory_request },
                limits: { cpu: r.cpu_limit, memory: r.memory_limit },
              },
              // A degraded demo deployment really is: its last release is an image that never pulls.
              versions: [
                ...versionsUpTo(devVersion, d.version),
                ...(d.status === "Degraded" ? [brokenVersion(d.version)] : []),
              ],
            },
          ];
        }),
      ),
    });
  }
  if (present.length === 0) return { repositories: {}, committed: [], applied: 0 };
  const result = await seedDemoGitops(ports, present, [...environments]);
  for (const s of present) {
    const entity = await findEntity("service", s.name);
    const url = result.repositories[s.name];
    if (entity && url && entity.properties.repository !== url)
      await updateEntity("service", s.name, { properties: { repository: url } });
  }
  return result;
}
