import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findEntity } from "@/lib/catalog/entity-lookup";
import { listUnreadNotifications } from "@/lib/notifications/notifications";
import { setupServiceForExecutorTests, testRun } from "@/tests/action-executor";
import { sweepDevEnvironments } from "@/lib/dev-environments/expiry";
import { devNamespaceRef } from "@/lib/dev-environments/teardown";
import { executeDevEnvironmentCreate } from "./executor";
import { devEnvironmentCreateInput } from "./schema";

// The notification webhook points at a server of this test; the rest of the environment is real.
const hook = vi.hoisted(() => ({ url: "" }));
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, getEnv: () => ({ ...actual.getEnv(), SLIPWAY_APPROVAL_WEBHOOK_URL: hook.url || undefined }) };
});

const posted: string[] = [];
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    posted.push((JSON.parse(body) as { text: string }).text);
    res.end("ok");
  });
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  hook.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise((r) => server.close(r)));

setupServiceForExecutorTests("ledger");

describe("dev environment expiry", () => {
  it("announces a 1-minute environment to its owner, then removes it once however many sweeps race", async () => {
    const run = testRun();
    const ports = run.ctx.ports;
    const input = devEnvironmentCreateInput.parse({
      name: "quick-look",
      team: "payments",
      owner: "carl@example.com",
      branch: "feature/quick-look",
      ttl: "1m",
      services: [{ name: "ledger" }],
    });
    await executeDevEnvironmentCreate(run.ctx, input);
    const entity = await findEntity("dev-environment", "quick-look");
    const expiresAt = Date.parse(String(entity?.properties.expires_at));
    expect(await ports.cluster.getApplication("dev-quick-look-ledger")).not.toBeNull();
    expect(await ports.cluster.getObject(devNamespaceRef("quick-look"))).not.toBeNull();

    const sweep = (offsetMs: number) =>
      sweepDevEnvironments({ now: new Date(expiresAt + offsetMs), ports, portalUrl: "https://slipway.test" });

    // Warned half-way through a 1-minute life (30 s ahead), once.
    expect(await sweep(-40_000)).toEqual({ warned: [], removed: [] });
    expect(await sweep(-20_000)).toEqual({ warned: ["quick-look"], removed: [] });
    expect(await sweep(-10_000)).toEqual({ warned: [], removed: [] });
    const notices = await listUnreadNotifications("carl@example.com");
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message).toMatch(/^Dev environment quick-look expires in 0m \(.+\) and will be removed/);
    expect(notices[0]?.link).toBe("https://slipway.test/catalog/dev-environment/quick-look");
    expect(posted).toHaveLength(1);
    expect(posted[0]).toContain("carl@example.com: Dev environment quick-look expires in");

    // Two job instances at the same moment: one removes, the other finds it claimed.
    const [a, b] = await Promise.all([sweep(1_000), sweep(1_000)]);
    expect([...a.removed, ...b.removed]).toEqual(["quick-look"]);
    expect(await ports.cluster.getApplication("dev-quick-look-ledger")).toBeNull();
    expect(await ports.cluster.getObject(devNamespaceRef("quick-look"))).toBeNull();
    expect(await findEntity("dev-environment", "quick-look")).toBeNull();
    expect(await sweep(60_000)).toEqual({ warned: [], removed: [] });
    expect((await listUnreadNotifications("carl@example.com")).map((n) => n.message)[0]).toBe(
      "Dev environment quick-look reached its time to live and was removed.",
    );
    expect(posted).toHaveLength(2);
  });
});
