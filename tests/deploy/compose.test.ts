import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import { OIDC_PROVIDER_ID } from "@/lib/auth/auth-config";
import { parseEnv } from "@/lib/env";
import { bindSource, mountedFile, publishedPorts, readCompose } from "./compose-file";

// docker-compose.yml is not run here (no Docker engine): its wiring is checked as data.

const compose = readCompose();
const { services } = compose;
const web = services.web!;
const worker = services.worker!;
const dex = services.dex!;
const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;

type DexConfig = {
  issuer: string;
  web: { http: string };
  staticClients: { id: string; secretEnv?: string; redirectURIs: string[] }[];
  staticPasswords: { email: string; username: string; groups?: string[] }[];
};
const dexConfig = parse(readFileSync(mountedFile(dex, "/etc/dex/config.yaml"), "utf8")) as DexConfig;

describe("docker-compose.yml", () => {
  it("has every service, each with an image or a build whose Dockerfile exists", () => {
    expect(Object.keys(services).sort()).toEqual(["dex", "forgejo", "forgejo-init", "postgres", "web", "worker"]);
    expect(services.forgejo!.image).toMatch(/^codeberg\.org\/forgejo\/forgejo:\d+/);
    expect(services["forgejo-init"]!.image).toBe(services.forgejo!.image);
    expect(dex.image).toMatch(/^ghcr\.io\/dexidp\/dex:v2\.(4[5-9]|[5-9]\d)/);
    expect(services.postgres!.image).toMatch(/^postgres:\d+/);
    expect(existsSync(path.join(web.build!.context, web.build!.dockerfile))).toBe(true);
    // One image, two processes: the worker runs what the web service builds.
    expect(worker.image).toBe(web.image);
  });

  it("starts web and worker with the npm scripts the tests run outside Docker", () => {
    const npmScript = (command: string[] | undefined) => {
      expect(command?.[0]).toBe("npm");
      return command![1] === "run" ? command![2]! : command![1]!;
    };
    expect(scripts[npmScript(web.command)]).toBe("tsx scripts/start.ts");
    expect(scripts[npmScript(worker.command)]).toBe("tsx worker/index.ts");
    expect(web.environment!.SLIPWAY_WORKER).toBe("false");
  });

  it("gives web and worker a complete connected-mode configuration", () => {
    const tokenFile = path.join(mkdtempSync(path.join(os.tmpdir(), "slipway-compose-")), "forgejo-token");
    writeFileSync(tokenFile, "token-from-forgejo-init\n");
    for (const service of [web, worker]) {
      const env = parseEnv({ ...service.environment, SLIPWAY_FORGEJO_TOKEN_FILE: tokenFile });
      expect(env.mode).toBe("connected");
      expect(env.SLIPWAY_FORGEJO_TOKEN).toBe("token-from-forgejo-init");
      expect(env.DATABASE_URL).toMatch(/@postgres:5432\//);
      expect(env.DATABASE_ADMIN_URL).toMatch(/@postgres:5432\//);
    }
    // The token file lives on the volume the one-shot init writes.
    const tokenDir = path.dirname(web.environment!.SLIPWAY_FORGEJO_TOKEN_FILE!);
    const tokenVolume = (s: typeof web) => s.volumes!.find((v) => v.split(":")[1] === tokenDir)?.split(":")[0];
    expect(tokenVolume(web)).toBe("forgejo-token");
    expect(tokenVolume(services["forgejo-init"]!)).toBe("forgejo-token");
    // The worker's simulator reaches the web service by its compose name.
    expect(new URL(worker.environment!.SLIPWAY_INTERNAL_URL!).host).toBe("web:3000");
  });

  it("publishes the portal, Forgejo and Dex on the ports their URLs name, with the same port inside", () => {
    const auth = new URL(web.environment!.AUTH_URL!);
    expect(publishedPorts(web)).toEqual([{ host: Number(auth.port), container: 3000 }]);
    const forgejo = new URL(web.environment!.SLIPWAY_FORGEJO_URL!);
    expect(publishedPorts(services.forgejo!)).toEqual([
      { host: Number(forgejo.port), container: Number(forgejo.port) },
    ]);
    expect(services.forgejo!.networks!.default!.aliases).toContain(forgejo.hostname);
    const issuer = new URL(web.environment!.SLIPWAY_OIDC_ISSUER!);
    expect(publishedPorts(dex)).toEqual([{ host: Number(issuer.port), container: Number(issuer.port) }]);
    // *.localhost reaches the published port from a browser; the alias reaches Dex from containers.
    expect(issuer.hostname.endsWith(".localhost")).toBe(true);
    expect(dex.networks!.default!.aliases).toContain(issuer.hostname);
  });

  it("has healthchecks, and starts each service after what it needs is healthy or done", () => {
    for (const name of ["postgres", "forgejo", "dex", "web"])
      expect(services[name]!.healthcheck?.test.length).toBeGreaterThan(1);
    expect(web.healthcheck!.test.join(" ")).toContain("/api/ready");
    expect(web.depends_on).toEqual({
      postgres: { condition: "service_healthy" },
      dex: { condition: "service_healthy" },
      "forgejo-init": { condition: "service_completed_successfully" },
    });
    expect(worker.depends_on).toEqual({ web: { condition: "service_healthy" } });
    expect(services["forgejo-init"]!.depends_on).toEqual({ forgejo: { condition: "service_healthy" } });
    expect(services["forgejo-init"]!.restart).toBe("no");
  });

  it("declares every named volume, and every bind-mounted file exists", () => {
    const declared = Object.keys(compose.volumes);
    for (const [name, service] of Object.entries(services)) {
      for (const volume of service.volumes ?? []) {
        const bind = bindSource(volume);
        if (bind) expect(existsSync(bind.source), `${name}: ${bind.source}`).toBe(true);
        else expect(declared, `${name}: ${volume}`).toContain(volume.split(":")[0]);
      }
    }
    expect(web.volumes).toContain("slipway-data:/data");
    expect(worker.volumes).toContain("slipway-data:/data");
    expect(web.environment!.SLIPWAY_DATA_DIR).toBe("/data");
  });
});

describe("the Dex config compose mounts", () => {
  it("has Slipway's client, redirecting to Slipway's OIDC callback under AUTH_URL", () => {
    const client = dexConfig.staticClients.find((c) => c.id === web.environment!.SLIPWAY_OIDC_CLIENT_ID);
    expect(client?.redirectURIs).toEqual([`${web.environment!.AUTH_URL}/api/auth/callback/${OIDC_PROVIDER_ID}`]);
    expect(dex.environment![client!.secretEnv!]).toBe(web.environment!.SLIPWAY_OIDC_CLIENT_SECRET);
  });

  it("serves the issuer Slipway is configured with, on the port compose publishes", () => {
    expect(dexConfig.issuer).toBe(web.environment!.SLIPWAY_OIDC_ISSUER);
    expect(dexConfig.issuer).toBe(worker.environment!.SLIPWAY_OIDC_ISSUER);
    expect(dexConfig.web.http.split(":").at(-1)).toBe(new URL(dexConfig.issuer).port);
  });

  it("signs in the sandbox's demo people with their groups", () => {
    expect(dexConfig.staticPasswords.map((u) => [u.email, u.groups])).toEqual(
      DEMO_USERS.map((u) => [u.email, u.groups]),
    );
  });
});
