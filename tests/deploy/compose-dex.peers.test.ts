import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import { ensureGoPeer } from "@/scripts/peers/go-build";
import { startProcess, waitForHttp, type PeerProcess } from "@/scripts/peers/processes";
import { dexPeer } from "@/scripts/peers/recipes";
import { mountedFile, readCompose } from "./compose-file";

// The Dex config docker compose mounts, served by the real Dex of the peers tier. Only where it
// listens and stores changes: its sqlite file is the container's volume (/var/dex) and its issuer
// names dex.localhost, the compose network's alias, so here it gets memory storage and a free
// loopback port. Clients, users, groups and the oauth2 settings are the file's own.

const { services } = readCompose();
const dexService = services.dex!;
const configFile = mountedFile(dexService, "/etc/dex/config.yaml");
let dex: PeerProcess | null = null;
let issuer = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

beforeAll(async () => {
  const built = await ensureGoPeer(dexPeer);
  const port = await freePort();
  issuer = `http://127.0.0.1:${port}/dex`;
  const config = parse(readFileSync(configFile, "utf8")) as Record<string, unknown>;
  const dir = mkdtempSync(path.join(os.tmpdir(), "slipway-compose-dex-"));
  const file = path.join(dir, "dex.yaml");
  writeFileSync(
    file,
    stringify({ ...config, issuer, storage: { type: "memory" }, web: { http: `127.0.0.1:${port}` } }),
  );
  dex = startProcess("dex", built.bin("dex"), ["serve", file], {
    cwd: dir,
    logDir: dir,
    // The client secret compose hands Dex (secretEnv in the config).
    env: { ...process.env, ...dexService.environment },
  });
  await waitForHttp(`${issuer}/.well-known/openid-configuration`, dex);
});

afterAll(async () => {
  await dex?.stop();
});

describe("the Dex config of docker-compose.yml on the real Dex", () => {
  it("serves the discovery document for its issuer", async () => {
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      string
    >;
    expect(discovery.issuer).toBe(issuer);
    expect(discovery.token_endpoint).toBe(`${issuer}/token`);
  });

  it("signs a demo user in with Slipway's client and puts their groups in the ID token", async () => {
    const web = services.web!.environment!;
    const user = DEMO_USERS.find((u) => u.groups.length > 1)!;
    const response = await fetch(`${issuer}/token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${web.SLIPWAY_OIDC_CLIENT_ID}:${web.SLIPWAY_OIDC_CLIENT_SECRET}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({
        grant_type: "password",
        username: user.email,
        password: "password",
        scope: "openid profile email groups",
      }),
    });
    expect(response.status).toBe(200);
    const { id_token } = (await response.json()) as { id_token: string };
    const claims = JSON.parse(Buffer.from(id_token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ email: user.email, groups: user.groups, preferred_username: user.id });
  });
});
