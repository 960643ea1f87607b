import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseEnv, type Env } from "@/lib/env";
import type { Run } from "./types";

let env: Env = parseEnv({});
vi.mock("@/lib/env", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/env")>()),
  getEnv: () => env,
}));
const { notifyApprovers } = await import("./notify-approvers");

const received: unknown[] = [];
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    received.push(JSON.parse(body));
    res.end("ok");
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  env = parseEnv({
    SLIPWAY_APPROVAL_WEBHOOK_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    AUTH_URL: "https://slipway.example.com",
  });
});
afterAll(() => new Promise((r) => server.close(r)));

const run = {
  id: "0b0e8d2c-1111-4222-8333-944445555666",
  actionTitle: "Promote",
  requestedByEmail: "dana@slipway.local",
  entity: { blueprint: "deployment", identifier: "cart-staging" },
  policy: { approvers: 2, roles: ["sre"], changeTicket: true, expiresInHours: 24, source: "environment prod" },
} as Run;

describe("notifyApprovers", () => {
  it("posts Slack-compatible JSON naming the requester, the action, the policy and a link to the run", async () => {
    await notifyApprovers(run);
    expect(received).toHaveLength(1);
    const { text } = received[0] as { text: string };
    expect(text).toContain("dana@slipway.local requests *Promote* on cart-staging");
    expect(text).toContain("2 approvals (sre) and a change ticket");
    expect(text).toContain(`https://slipway.example.com/runs/${run.id}`);
  });

  it("never throws when the webhook is down", async () => {
    env = parseEnv({ SLIPWAY_APPROVAL_WEBHOOK_URL: "http://127.0.0.1:9/nothing-listens" });
    await expect(notifyApprovers(run)).resolves.toBeUndefined();
  });
});
