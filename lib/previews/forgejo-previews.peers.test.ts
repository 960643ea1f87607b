import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/forgejo/route";
import { findEntity } from "@/lib/catalog/entity-lookup";
import { getEnv } from "@/lib/env";
import { forgejoPort } from "@/lib/wiring";
import { seedTeamAndEnvironments } from "@/tests/catalog-seed";
import { setupTestDatabase } from "@/tests/db";
import { freePort, giteaApiOf, peerForgejo } from "@/tests/peers";
import { serveRoute, type RouteServer } from "@/tests/route-server";
import { approveAndExecute, requestRun } from "@/tests/run-journey";
import { runSimulatorDuringTests } from "@/tests/simulator";
import { until } from "@/tests/until";

// Pull-request previews end to end with a real Gitea: the webhook is configured through Gitea's
// API, Gitea itself delivers (signed) to Slipway's route served on loopback, and the comment with
// the preview's URL is read back through Gitea's API.

setupTestDatabase();
runSimulatorDuringTests();

const gitea = peerForgejo();
const service = `shop-${Date.now().toString(36)}`;
let server: RouteServer;

const giteaApi = giteaApiOf(gitea);

const outcomes = () => server.deliveries.map((d) => (d.response as { outcome?: string }).outcome);

beforeAll(async () => {
  await seedTeamAndEnvironments(1);
  server = await serveRoute(POST, await freePort());
});
afterAll(() => server?.close());

describe("pull-request previews from a real Gitea", () => {
  it("a pull request opened in Gitea gets a preview and a comment with its URL; closing it removes the preview", async () => {
    await approveAndExecute(
      (await requestRun("create-microservice", undefined, { name: service, team: "payments", language: "go" })).id,
    );
    const secret = getEnv().SLIPWAY_FORGEJO_WEBHOOK_SECRET;
    expect(secret, "test:peers sets SLIPWAY_FORGEJO_WEBHOOK_SECRET").toBeTruthy();
    const hook = await giteaApi("POST", `/repos/payments/${service}/hooks`, {
      type: "gitea",
      active: true,
      events: ["pull_request"],
      config: { url: `${server.url}/api/webhooks/forgejo`, content_type: "json", secret },
    });
    expect(hook.status).toBe(201);

    const git = forgejoPort();
    const main = (await git.branchHead("payments", service, "main"))!;
    await git.createBranch("payments", service, "feature/preview-me", main);
    await git.commitFiles({
      owner: "payments",
      repo: service,
      branch: "feature/preview-me",
      message: "Something to preview",
      changes: [{ path: "PREVIEW.md", content: "preview me\n" }],
      expectedHead: main,
    });
    const pr = await giteaApi<{ number: number }>("POST", `/repos/payments/${service}/pulls`, {
      head: "feature/preview-me",
      base: "main",
      title: "Preview me",
    });
    expect(pr.status).toBe(201);
    const env = `${service}-pr-${pr.json.number}`;

    await until("Gitea's opened delivery", async () => outcomes().includes("created"));
    expect(server.deliveries.every((d) => d.status === 200)).toBe(true);
    const entity = await findEntity("dev-environment", env);
    const url = String(entity?.properties.url);
    expect(url).toBe(`https://${env}.dev.${getEnv().SLIPWAY_APPS_DOMAIN}`);
    expect(entity?.properties.branch).toBe("feature/preview-me");

    const comments = await giteaApi<{ body: string }[]>(
      "GET",
      `/repos/payments/${service}/issues/${pr.json.number}/comments`,
    );
    expect(comments.json.filter((c) => c.body.includes(url))).toHaveLength(1);

    const closed = await giteaApi("PATCH", `/repos/payments/${service}/pulls/${pr.json.number}`, { state: "closed" });
    expect(closed.status).toBe(201);
    await until("Gitea's closed delivery", async () => outcomes().includes("removed"));
    expect(await findEntity("dev-environment", env)).toBeNull();
  });
});
