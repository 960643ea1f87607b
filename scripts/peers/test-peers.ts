// npm run test:peers — builds (first use) and starts a real Gitea and Dex on loopback (and builds the Kyverno CLI), then runs the
// peer tier against them: the ForgejoPort contract and connected-mode actions (vitest project
// "peers"), and Playwright journeys that sign in through Dex (playwright.peers.config.ts).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { startDex, type RunningDex } from "./dex";
import { startGitea, type RunningGitea } from "./gitea";
import { ensureGoPeer } from "./go-build";
import { kyvernoPeer } from "./recipes";

const GITEA_PORT = Number(process.env.PEERS_GITEA_PORT ?? 3300);
const DEX_PORT = Number(process.env.PEERS_DEX_PORT ?? 5556);
const SLIPWAY_PORT = Number(process.env.PEERS_PORT ?? 3400);
const PG_PORT = process.env.TEST_PG_PORT ?? "54336";
// The embedded PostgreSQL of the Playwright journeys' `npm start` (playwright.peers.config.ts).
const SLIPWAY_PG_PORT = process.env.PEERS_SLIPWAY_PG_PORT ?? "54333";

const started = Date.now();
const say = (msg: string) => console.log(`[peers] ${msg} (${Math.round((Date.now() - started) / 1000)}s)`);

function assertFree(port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", () =>
      reject(new Error(`port ${port} (${what}) is in use; stop what holds it or set the matching PEERS_* variable`)),
    );
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: "inherit" });
    child.on("close", (code) => resolve(code ?? 1));
  });
}

const workDir = mkdtempSync(path.join(os.tmpdir(), "slipway-peers-"));
let gitea: RunningGitea | null = null;
let dex: RunningDex | null = null;
let exitCode = 1;
try {
  await assertFree(GITEA_PORT, "Gitea");
  await assertFree(DEX_PORT, "Dex");
  await assertFree(SLIPWAY_PORT, "Slipway");
  gitea = await startGitea({ dir: path.join(workDir, "gitea"), port: GITEA_PORT });
  say(`Gitea ready at ${gitea.url}`);
  dex = await startDex({
    dir: path.join(workDir, "dex"),
    port: DEX_PORT,
    redirectUris: [`http://localhost:${SLIPWAY_PORT}/api/auth/callback/oidc`],
  });
  say(`Dex ready at ${dex.issuer}`);
  // The reference for Slipway's policy evaluator (lib/policies/kyverno-cli.peers.test.ts).
  const kyverno = (await ensureGoPeer(kyvernoPeer)).bin("kyverno");
  say(`Kyverno CLI at ${kyverno}`);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SLIPWAY_FORGEJO_URL: gitea.url,
    SLIPWAY_FORGEJO_TOKEN: gitea.token,
    SLIPWAY_PEER_FORGEJO_USER: gitea.username,
    SLIPWAY_OIDC_ISSUER: dex.issuer,
    SLIPWAY_OIDC_CLIENT_ID: dex.clientId,
    SLIPWAY_OIDC_CLIENT_SECRET: dex.clientSecret,
    SLIPWAY_PEER_DEX_PASSWORD: dex.password,
    SLIPWAY_PEER_KYVERNO: kyverno,
    TEST_PG_PORT: PG_PORT,
    PEERS_PORT: String(SLIPWAY_PORT),
    PEERS_SLIPWAY_PG_PORT: SLIPWAY_PG_PORT,
    // Pull-request previews: Gitea signs its deliveries with this (lib/previews/*.peers.test.ts).
    SLIPWAY_FORGEJO_WEBHOOK_SECRET: process.env.SLIPWAY_FORGEJO_WEBHOOK_SECRET ?? "peers-forgejo-webhook-secret-0123",
  };
  say("vitest project peers: ForgejoPort contract and connected-mode actions against Gitea");
  // `npm run test:peers -- <files>`: only those vitest files, no Playwright (to iterate on one test).
  const only = process.argv.slice(2);
  exitCode = await run("npx", ["vitest", "run", "--project", "peers", ...only], env);
  if (exitCode === 0 && only.length === 0) {
    say("Playwright: sign-in through Dex");
    exitCode = await run("npx", ["playwright", "test", "--config", "playwright.peers.config.ts"], env);
  }
} catch (error) {
  console.error(`[peers] ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await dex?.stop();
  await gitea?.stop();
  if (exitCode === 0) rmSync(workDir, { recursive: true, force: true });
  else console.error(`[peers] peer logs kept in ${workDir}`);
}
say(exitCode === 0 ? "peer tier passed" : "peer tier failed");
process.exit(exitCode);
