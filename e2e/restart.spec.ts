import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { sandboxSessionCookie } from "./sign-in";

// `npm start` on its own data dir and ports: an entity created before a restart is still there after it.
const PORT = 3200;
const base = `http://127.0.0.1:${PORT}`;
const env = {
  ...process.env,
  PORT: String(PORT),
  SLIPWAY_DATA_DIR: ".slipway-restart",
  SLIPWAY_PG_PORT: "54332",
  SLIPWAY_WORKER: "false",
};

async function startPortal(): Promise<ChildProcess> {
  const child = spawn("npm", ["start"], { env, stdio: "ignore", detached: true });
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("portal did not start");
}

async function stopPortal(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once("exit", r));
  process.kill(-child.pid!, "SIGINT");
  await exited;
}

test("restarting npm start keeps entities and sessions created before the restart", async () => {
  test.setTimeout(300_000);
  rmSync(".slipway-restart", { recursive: true, force: true });
  let portal = await startPortal();
  try {
    const cookie = await sandboxSessionCookie(base, "ada");
    const created = await fetch(`${base}/api/v1/blueprints/team/entities`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({
        identifier: "survivors",
        title: "Survivors",
        properties: { slack_channel: "#survivors" },
      }),
    });
    expect(created.status).toBe(201);
    await stopPortal(portal);
    // The port is free again only once the launcher stopped everything it started.
    await expect
      .poll(() =>
        fetch(`${base}/api/health`).then(
          () => "up",
          () => "down",
        ),
      )
      .toBe("down");

    portal = await startPortal();
    // The session survives too: the sandbox keeps its AUTH_SECRET in the data dir.
    const res = await fetch(`${base}/api/v1/blueprints/team/entities/survivors`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect((await res.json()).properties).toEqual({ slack_channel: "#survivors" });
  } finally {
    await stopPortal(portal).catch(() => {});
    rmSync(".slipway-restart", { recursive: true, force: true });
  }
});
