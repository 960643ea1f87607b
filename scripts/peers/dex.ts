import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import { ensureGoPeer } from "./go-build";
import { startProcess, waitForHttp, type PeerProcess } from "./processes";
import { dexPeer } from "./recipes";

// A throwaway Dex on loopback: memory storage, one static client for Slipway, and the sandbox's
// demo people as static users carrying the same groups, so roles and teams come out as in sandbox.

export type RunningDex = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  password: string;
  process: PeerProcess;
  stop(): Promise<void>;
};

// Dex's own sample bcrypt hash of "password" (its config.dev.yaml): Dex only takes bcrypt hashes,
// and these users exist only on loopback for the lifetime of one test run.
const PASSWORD = "password";
const PASSWORD_HASH = "$2a$10$2b2cU8CPhOTaGrs1HRQuAueS7JTT5ZHsHSzYiFPm1leZck7Mc8T4W";

export async function startDex(opts: { dir: string; port: number; redirectUris: string[] }): Promise<RunningDex> {
  const built = await ensureGoPeer(dexPeer);
  const dir = path.resolve(opts.dir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const issuer = `http://127.0.0.1:${opts.port}/dex`;
  const clientId = "slipway";
  const clientSecret = randomBytes(24).toString("hex");
  const config = {
    issuer,
    storage: { type: "memory" },
    web: { http: `127.0.0.1:${opts.port}` },
    logger: { level: "info", format: "text" },
    oauth2: { skipApprovalScreen: true, passwordConnector: "local" },
    enablePasswordDB: true,
    staticClients: [{ id: clientId, secret: clientSecret, name: "Slipway", redirectURIs: opts.redirectUris }],
    staticPasswords: DEMO_USERS.map((u, i) => ({
      email: u.email,
      username: u.id,
      name: u.name,
      preferredUsername: u.id,
      emailVerified: true,
      userID: `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`,
      hash: PASSWORD_HASH,
      groups: u.groups,
    })),
  };
  const file = path.join(dir, "dex.yaml");
  writeFileSync(file, stringify(config));
  const proc = startProcess("dex", built.bin("dex"), ["serve", file], { cwd: dir, logDir: dir });
  await waitForHttp(`${issuer}/.well-known/openid-configuration`, proc);
  return { issuer, clientId, clientSecret, password: PASSWORD, process: proc, stop: () => proc.stop() };
}
