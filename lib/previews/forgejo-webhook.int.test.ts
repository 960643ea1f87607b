import { describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/forgejo/route";
import { findEntity } from "@/lib/catalog/entity-lookup";
import { devNamespaceRef } from "@/lib/dev-environments/teardown";
import { clusterPort, forgejoPort } from "@/lib/wiring";
import { setupServiceForExecutorTests } from "@/tests/action-executor";
import { signForgejoBody } from "./forgejo-signature";
import { previewCommentMarker } from "./handle-pull-request";

const secret = "forgejo-webhook-secret-for-tests";
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, getEnv: () => ({ ...actual.getEnv(), SLIPWAY_FORGEJO_WEBHOOK_SECRET: secret }) };
});

setupServiceForExecutorTests("ledger");

type Delivery = { event?: string; delivery: string; body: unknown; signature?: string };

async function deliver({ event = "pull_request", delivery, body, signature }: Delivery) {
  const text = JSON.stringify(body);
  const req = new Request("http://slipway.test/api/webhooks/forgejo", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-gitea-event": event,
      "x-gitea-delivery": delivery,
      "x-gitea-signature": signature ?? signForgejoBody(text, secret),
    },
    body: text,
  });
  const res = await POST(req, { params: Promise.resolve({}) });
  return { status: res.status, json: (await res.json()) as { outcome?: string; url?: string } };
}

const pullEvent = (action: string, number: number, updatedAt: string, repo = "ledger") => ({
  action,
  number,
  pull_request: {
    number,
    html_url: `http://slipway.test/sandbox/git/payments/${repo}/pulls/${number}`,
    state: action === "closed" ? "closed" : "open",
    merged: false,
    updated_at: updatedAt,
    head: { ref: "feature/faster-ledger", sha: "abc" },
    user: { login: "dana", email: "dana@slipway.local" },
  },
  repository: { name: repo, full_name: `payments/${repo}`, owner: { login: "payments" } },
});

async function openPullRequest() {
  const git = forgejoPort();
  const main = (await git.branchHead("payments", "ledger", "main"))!;
  await git.createBranch("payments", "ledger", "feature/faster-ledger", main);
  await git.commitFiles({
    owner: "payments",
    repo: "ledger",
    branch: "feature/faster-ledger",
    message: "Faster ledger",
    changes: [{ path: "FASTER.md", content: "yes\n" }],
    expectedHead: main,
  });
  return git.openPullRequest({
    owner: "payments",
    repo: "ledger",
    head: "feature/faster-ledger",
    base: "main",
    title: "Faster ledger",
    body: "",
  });
}

const previewComments = async (n: number) =>
  (await forgejoPort().listPullRequestComments("payments", "ledger", n)).filter((c) =>
    c.body.includes(previewCommentMarker),
  );

describe("POST /api/webhooks/forgejo", () => {
  it("creates a preview with a comment, ignores replays and late deliveries, and removes it on close", async () => {
    const pr = await openPullRequest();
    const env = `ledger-pr-${pr.number}`;

    const forged = await deliver({
      delivery: "d-0",
      body: pullEvent("opened", pr.number, "2026-11-30T10:00:00Z"),
      signature: "0".repeat(64),
    });
    expect(forged.status).toBe(401);
    expect(await findEntity("dev-environment", env)).toBeNull();

    const opened = await deliver({ delivery: "d-1", body: pullEvent("opened", pr.number, "2026-11-30T10:00:00Z") });
    expect(opened).toMatchObject({ status: 200, json: { outcome: "created" } });
    expect(opened.json.url).toBe(`https://${env}.dev.apps.example.com`);
    expect((await findEntity("dev-environment", env))?.properties).toMatchObject({
      branch: "feature/faster-ledger",
      pull_request: pullEvent("opened", pr.number, "").pull_request.html_url,
      owner: "dana@slipway.local",
    });
    expect(await clusterPort().getApplication(`dev-${env}-ledger`)).not.toBeNull();
    const comments = await previewComments(pr.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(opened.json.url);

    expect(
      (await deliver({ delivery: "d-1", body: pullEvent("opened", pr.number, "2026-11-30T10:00:00Z") })).json,
    ).toEqual({
      outcome: "duplicate",
    });
    const pushed = await deliver({
      delivery: "d-2",
      body: pullEvent("synchronized", pr.number, "2026-11-30T10:05:00Z"),
    });
    expect(pushed.json.outcome).toBe("updated");
    const late = await deliver({ delivery: "d-late", body: pullEvent("opened", pr.number, "2026-11-30T09:59:00Z") });
    expect(late.json.outcome).toBe("stale");
    expect(await previewComments(pr.number)).toHaveLength(1);

    expect(
      (await deliver({ delivery: "d-x", body: pullEvent("opened", 7, "2026-11-30T10:00:00Z", "nope") })).json,
    ).toEqual({
      outcome: "unknown-repository",
    });
    const push = await deliver({ event: "push", delivery: "d-push", body: { ref: "refs/heads/main" } });
    expect(push).toMatchObject({ status: 200, json: { outcome: "ignored-event" } });

    const closed = await deliver({ delivery: "d-3", body: pullEvent("closed", pr.number, "2026-11-30T11:00:00Z") });
    expect(closed.json.outcome).toBe("removed");
    expect(await findEntity("dev-environment", env)).toBeNull();
    expect(await clusterPort().getApplication(`dev-${env}-ledger`)).toBeNull();
    expect(await clusterPort().getObject(devNamespaceRef(env))).toBeNull();

    // A push delivered after the close (older than it) does not bring the preview back.
    const afterClose = await deliver({
      delivery: "d-4",
      body: pullEvent("synchronized", pr.number, "2026-11-30T10:30:00Z"),
    });
    expect(afterClose.json.outcome).toBe("stale");
    expect(await findEntity("dev-environment", env)).toBeNull();
  });
});
