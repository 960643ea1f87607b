import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidBodySignature } from "@/lib/http/hmac-signature";
import { createSimulatorLease } from "./simulator-lease";
import { createWebhookSender } from "./webhook-sender";

const statuses: number[] = [];
const bodies: string[] = [];
const signed: { body: string; signature: string | undefined; authorization: string | undefined }[] = [];
let server: http.Server;
let url = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      signed.push({
        body,
        signature: req.headers["x-signature"] as string | undefined,
        authorization: req.headers.authorization,
      });
      const status = statuses.shift() ?? 200;
      if (status === 200) bodies.push(JSON.parse(body).app as string);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const payload = (app: string) => ({ entity: `deployment/${app}`, app, event: "status" as const, properties: {} });

describe("webhook sender", () => {
  it("retries failed posts and keeps each Application's notifications in order", async () => {
    const warnings: unknown[] = [];
    const sender = createWebhookSender({
      url,
      secret: "s",
      backoffMs: 5,
      log: { info: () => {}, warn: (m, d) => warnings.push([m, d]) },
    });
    statuses.push(503, 404);
    sender.send("a", payload("a-1"));
    sender.send("a", payload("a-2"));
    for (let i = 0; i < 200 && bodies.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    await sender.close();
    expect(bodies.splice(0)).toEqual(["a-1", "a-2"]);
    expect(warnings).toEqual([]);
  });

  it("gives up after its attempts, logs, and never throws", async () => {
    const warnings: unknown[] = [];
    const sender = createWebhookSender({
      url,
      secret: "s",
      attempts: 2,
      backoffMs: 5,
      log: { info: () => {}, warn: (m, d) => warnings.push([m, d]) },
    });
    statuses.push(500, 500);
    sender.send("b", payload("b-1"));
    await sender.close();
    expect(bodies.splice(0)).toEqual([]);
    expect(warnings).toEqual([
      ["ArgoCD notification not delivered", expect.objectContaining({ app: "b-1", problem: "HTTP 500: " })],
    ]);
  });
});

describe("webhook sender, Flux style", () => {
  it("signs the exact body like a generic-hmac Provider: X-Signature sha256=<hex>, no bearer token", async () => {
    const sender = createWebhookSender({
      url,
      secret: "flux-key",
      signing: "hmac",
      log: { info: () => {}, warn: () => {} },
    });
    signed.splice(0);
    sender.send("c", payload("c-1"));
    await sender.close();
    const [delivery] = signed.splice(0);
    bodies.splice(0);
    expect(delivery!.authorization).toBeUndefined();
    expect(isValidBodySignature(delivery!.body, delivery!.signature!.replace(/^sha256=/, ""), "flux-key")).toBe(true);
    expect(isValidBodySignature(delivery!.body, delivery!.signature!.replace(/^sha256=/, ""), "other")).toBe(false);
    expect(delivery!.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
  });
});

describe("simulator lease", () => {
  it("lets one simulator hold a root until its lease expires or is released", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-lease-"));
    const file = path.join(dir, "lease.json");
    const a = createSimulatorLease(file, 1_000);
    const b = createSimulatorLease(file, 1_000);
    expect(await a.hold(0)).toBe(true);
    expect(await b.hold(500)).toBe(false);
    expect(await a.hold(900)).toBe(true);
    expect(await b.hold(1_500)).toBe(false);
    expect(await b.hold(2_000)).toBe(true);
    await a.release();
    expect(await b.hold(2_100)).toBe(true);
    await b.release();
    expect(await a.hold(2_200)).toBe(true);
    await fs.rm(dir, { recursive: true, force: true });
  });
});
