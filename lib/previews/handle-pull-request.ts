import { findEntity } from "@/lib/catalog/entity-lookup";
import { countLiveDevEnvironments, readTeamLimits } from "@/lib/dev-environments/limits";
import { getPreviewName } from "@/lib/dev-environments/names";
import { provisionDevEnvironment } from "@/lib/dev-environments/provision";
import { removeDevEnvironment } from "@/lib/dev-environments/teardown";
import { formatDuration } from "@/lib/dev-environments/ttl";
import type { RunPorts } from "@/lib/runs/ports";
import {
  claimDelivery,
  findPullRequestMark,
  findServiceByRepository,
  releaseDelivery,
  writePullRequestMark,
} from "./preview-store";
import { closeActions, previewActions, type PullRequestEvent } from "./pull-request-event";

// Pull-request previews: a pull request opened, updated or reopened on a service's repository gets a
// dev environment `<service>-pr-<n>` built from its head branch, and a comment with its URL; closing
// or merging it removes the environment. Re-deliveries and late (older) deliveries change nothing.

export type PreviewOutcome =
  | "created"
  | "updated"
  | "removed"
  | "nothing-to-remove"
  | "refused-by-limit"
  | "duplicate"
  | "stale"
  | "ignored-action"
  | "unknown-repository";

/** Marks the comment Slipway writes, so an update of the pull request does not comment twice. */
export const previewCommentMarker = "<!-- slipway:preview -->";
const PREVIEW_TTL_MS = 7 * 86_400_000;

export async function handlePullRequestEvent(
  event: PullRequestEvent,
  delivery: string | null,
  ports: RunPorts,
): Promise<{ outcome: PreviewOutcome; environment?: string; url?: string }> {
  const isPreview = previewActions.has(event.action);
  if (!isPreview && !closeActions.has(event.action)) return { outcome: "ignored-action" };
  const owner =
    event.repository.owner.login ?? event.repository.owner.username ?? event.repository.full_name.split("/")[0]!;
  const service = await findServiceByRepository({
    owner,
    name: event.repository.name,
    htmlUrl: event.repository.html_url,
  });
  if (!service) return { outcome: "unknown-repository" };
  if (delivery && !(await claimDelivery(delivery))) return { outcome: "duplicate" };
  try {
    const repoKey = event.repository.full_name.toLowerCase();
    const updatedAt = new Date(event.pull_request.updated_at);
    const mark = await findPullRequestMark(repoKey, event.number);
    if (mark && mark.updatedAt.getTime() > updatedAt.getTime()) return { outcome: "stale" };
    const environment = getPreviewName(service.identifier, event.number);
    const result = isPreview
      ? await ensurePreview(event, { owner, service, environment }, ports)
      : await removePreview(environment, ports);
    await writePullRequestMark(repoKey, event.number, updatedAt, isPreview ? "open" : "closed");
    return result;
  } catch (error) {
    if (delivery) await releaseDelivery(delivery);
    throw error;
  }
}

async function ensurePreview(
  event: PullRequestEvent,
  target: { owner: string; service: { identifier: string; team: string | null }; environment: string },
  ports: RunPorts,
): Promise<{ outcome: PreviewOutcome; environment: string; url?: string }> {
  const { owner, service, environment } = target;
  const team = service.team ?? owner;
  const existing = await findEntity("dev-environment", environment);
  const comment = (body: string) =>
    ports.forgejo.commentOnPullRequest(owner, event.repository.name, event.number, `${previewCommentMarker}\n${body}`);
  const limits = await readTeamLimits(ports.catalog, team);
  if (!existing && (await countLiveDevEnvironments(ports.catalog, team)) >= limits.maxLive) {
    await comment(`No preview environment: team ${team} already has ${limits.maxLive} live dev environments.`);
    return { outcome: "refused-by-limit", environment };
  }
  const ttlMs = Math.min(PREVIEW_TTL_MS, limits.maxTtlMs);
  const gitops = await ports.forgejo.getRepo(ports.gitops.owner, ports.gitops.repo);
  if (!gitops) throw new Error(`The GitOps repository ${ports.gitops.owner}/${ports.gitops.repo} does not exist yet`);
  const user = event.pull_request.user;
  const expiresAt = new Date(Date.now() + ttlMs).toISOString();
  const { url } = await provisionDevEnvironment(
    ports,
    {
      name: environment,
      team,
      owner: user?.email || user?.login || user?.username || owner,
      template: "preview",
      branch: event.pull_request.head.ref,
      ttl: formatDuration(ttlMs).replace(/ /g, ""),
      expiresAt,
      services: [{ name: service.identifier, branch: event.pull_request.head.ref }],
      databases: [],
      pullRequest: event.pull_request.html_url,
      service: service.identifier,
    },
    gitops.cloneUrl,
    (_key, fn) => fn(),
  );
  const comments = await ports.forgejo.listPullRequestComments(owner, event.repository.name, event.number);
  if (!comments.some((c) => c.body.includes(previewCommentMarker) && c.body.includes(url)))
    await comment(
      `Preview environment **${environment}**: ${url}\n\nBuilt from \`${event.pull_request.head.ref}\`; removed when this pull request is closed or merged, or after ${formatDuration(ttlMs)}.`,
    );
  return { outcome: existing ? "updated" : "created", environment, url };
}

async function removePreview(environment: string, ports: RunPorts) {
  const existing = await findEntity("dev-environment", environment);
  if (!existing) return { outcome: "nothing-to-remove" as const, environment };
  await removeDevEnvironment(ports, existing);
  return { outcome: "removed" as const, environment };
}
