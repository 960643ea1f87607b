import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { sandboxSessionCookie } from "./sign-in";

// `npm start` on its own data dir and ports, then its web server and its embedded PostgreSQL are
// SIGKILLed: the launcher says so in one line, starts them again, and /api/health answers again.
const PORT = 3235;
const DATA_DIR = ".slipway-launcher";
const base = `http://127.0.0.1:${PORT}`;
const env = {
  ...process.env,
  PORT: String(PORT),
  SLIPWAY_DATA_DIR: DATA_DIR,
  SLIPWAY_PG_PORT: "54435",
  SLIPWAY_SEED_DEMO: "false",
};

const healthy = () =>
  fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) }).then(
    (r) => r.ok,
    () => false,
  );

/** Polls until /api/health answers 200, for at most `seconds`. */
async function waitHealthy(seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await healthy()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`/api/health did not answer within ${seconds} s`);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test("the launcher restarts a killed web server and a killed embedded PostgreSQL", async () => {
  test.setTimeout(420_000);
  rmSync(DATA_DIR, { recursive: true, force: true });
  let output = "";
  const portal: ChildProcess = spawn("npm", ["start"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  portal.stdout!.on("data", (b: Buffer) => (output += b.toString()));
  portal.stderr!.on("data", (b: Buffer) => (output += b.toString()));
  const webPids = () => [...output.matchAll(/web server started \(pid (\d+)\)/g)].map((m) => Number(m[1]));
  try {
    // The first start may build the web app.
    await waitHealthy(300);
    const [web] = webPids();
    expect(web, output).toBeGreaterThan(0);

    process.kill(web!, "SIGKILL");
    await expect.poll(() => alive(web!)).toBe(false);
    await waitHealthy(30);
    expect(output).toContain("web server exited (killed by SIGKILL); restarting in 1 s");
    expect(webPids().length).toBe(2);

    const postmaster = Number(readFileSync(path.join(DATA_DIR, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(postmaster, "SIGKILL");
    await expect.poll(() => output, { timeout: 10_000 }).toContain("embedded PostgreSQL exited (killed by SIGKILL)");
    await expect.poll(() => output, { timeout: 60_000 }).toContain("Embedded PostgreSQL is back");
    // /api/health answers without the database; a sign-in and /api/v1/me make real round trips.
    const cookie = await sandboxSessionCookie(base, "dana");
    await expect
      .poll(async () => (await fetch(`${base}/api/v1/me`, { headers: { cookie } })).status, { timeout: 30_000 })
      .toBe(200);
    expect(portal.exitCode, output).toBeNull();
  } finally {
    // Without the restarts the launcher has stopped by itself already.
    if (portal.exitCode === null && portal.signalCode === null) {
      const exited = new Promise((r) => portal.once("exit", r));
      process.kill(-portal.pid!, "SIGINT");
      await exited;
    }
    rmSync(DATA_DIR, { recursive: true, force: true });
  }
});
