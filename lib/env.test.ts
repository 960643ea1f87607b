import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, toolSettings } from "./env";

describe("parseEnv", () => {
  it("applies the documented defaults to an empty environment", () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: "development",
      PORT: 3000,
      SLIPWAY_DATA_DIR: ".slipway",
      SLIPWAY_PG_PORT: 54329,
      SLIPWAY_DB_ACQUIRE_TIMEOUT_MS: 3000,
      SLIPWAY_SEED_DEMO: true,
      SLIPWAY_LOG_LEVEL: "info",
      SLIPWAY_WORKER: true,
      SLIPWAY_WEB_HEAP_MB: 256,
      SLIPWAY_OIDC_SCOPES: "openid profile email groups",
      SLIPWAY_OIDC_NAME: "Dex",
      SLIPWAY_ADMIN_GROUPS: "slipway-admins",
      SLIPWAY_SRE_GROUPS: "slipway-sres",
      SLIPWAY_DEVELOPER_GROUPS: "",
      SLIPWAY_TEST_ACTIONS: false,
      SLIPWAY_RUN_STALE_SECONDS: 15,
      SLIPWAY_WORKER_CONCURRENCY: 4,
      SLIPWAY_WORKER_DRAIN_SECONDS: 20,
      SLIPWAY_IMPORT_SYNC_SECONDS: 300,
      SLIPWAY_IMPORT_ARGOCD_NAME_PATTERN: "^(?<service>.+)-(?<environment>[^-]+)$",
      SLIPWAY_GITOPS_REPO: "platform/gitops",
      SLIPWAY_IMAGE_REGISTRY: "registry.local",
      SLIPWAY_APPS_DOMAIN: "apps.example.com",
      SLIPWAY_KUBE_IN_CLUSTER: false,
      SLIPWAY_ARGOCD_NAMESPACE: "argocd",
      mode: "sandbox",
    });
  });

  it("splits the import organisations and refuses a name pattern without both named groups", () => {
    expect(parseEnv({ SLIPWAY_IMPORT_FORGEJO_ORGS: " acme, platform ,," }).SLIPWAY_IMPORT_FORGEJO_ORGS).toEqual([
      "acme",
      "platform",
    ]);
    expect(() => parseEnv({ SLIPWAY_IMPORT_ARGOCD_NAME_PATTERN: "^(?<service>.+)$" })).toThrow(
      /SLIPWAY_IMPORT_ARGOCD_NAME_PATTERN/,
    );
    expect(() => parseEnv({ SLIPWAY_IMPORT_ARGOCD_NAME_PATTERN: "(?<service>" })).toThrow(
      /SLIPWAY_IMPORT_ARGOCD_NAME_PATTERN/,
    );
  });

  it("refuses a short metrics token and an out-of-range drain period", () => {
    expect(() => parseEnv({ SLIPWAY_METRICS_TOKEN: "short" })).toThrow(/SLIPWAY_METRICS_TOKEN: use at least 16/);
    expect(() => parseEnv({ SLIPWAY_WORKER_DRAIN_SECONDS: "-1" })).toThrow(/SLIPWAY_WORKER_DRAIN_SECONDS/);
    expect(parseEnv({ SLIPWAY_WORKER_METRICS_PORT: "9464" }).SLIPWAY_WORKER_METRICS_PORT).toBe(9464);
  });

  it("is connected once an OIDC issuer is configured, and then needs the client and a secret", () => {
    const oidc = { SLIPWAY_OIDC_ISSUER: "https://dex.example.com/dex", SLIPWAY_OIDC_CLIENT_ID: "slipway" };
    expect(() => parseEnv(oidc)).toThrow(/SLIPWAY_OIDC_CLIENT_SECRET: required in connected mode/);
    expect(() => parseEnv(oidc)).toThrow(/AUTH_SECRET: required/);
    const full = {
      ...oidc,
      SLIPWAY_OIDC_CLIENT_SECRET: "s",
      AUTH_SECRET: "x".repeat(32),
      SLIPWAY_FORGEJO_URL: "https://git.example.com",
      SLIPWAY_FORGEJO_TOKEN: "t",
    };
    expect(parseEnv(full).mode).toBe("connected");
    expect(parseEnv({ ...full, SLIPWAY_MODE: "sandbox" }).mode).toBe("sandbox");
    expect(() => parseEnv({ SLIPWAY_MODE: "connected" })).toThrow(/SLIPWAY_OIDC_ISSUER/);
  });

  it("reads the Forgejo token from SLIPWAY_FORGEJO_TOKEN_FILE, and names the file it cannot read", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "slipway-env-")), "forgejo-token");
    writeFileSync(file, "abc123\n");
    const connected = {
      SLIPWAY_OIDC_ISSUER: "https://dex.example.com/dex",
      SLIPWAY_OIDC_CLIENT_ID: "slipway",
      SLIPWAY_OIDC_CLIENT_SECRET: "s",
      AUTH_SECRET: "x".repeat(32),
      SLIPWAY_FORGEJO_URL: "https://git.example.com",
    };
    expect(parseEnv({ ...connected, SLIPWAY_FORGEJO_TOKEN_FILE: file }).SLIPWAY_FORGEJO_TOKEN).toBe("abc123");
    expect(
      parseEnv({ ...connected, SLIPWAY_FORGEJO_TOKEN: "t", SLIPWAY_FORGEJO_TOKEN_FILE: file }).SLIPWAY_FORGEJO_TOKEN,
    ).toBe("t");
    expect(() => parseEnv({ ...connected, SLIPWAY_FORGEJO_TOKEN_FILE: `${file}.missing` })).toThrow(
      /SLIPWAY_FORGEJO_TOKEN_FILE: cannot read .*forgejo-token\.missing \(ENOENT\)/,
    );
  });

  it("coerces numbers and boolean-ish flags", () => {
    const env = parseEnv({ PORT: "8080", SLIPWAY_PG_PORT: "6000", SLIPWAY_SEED_DEMO: "no", SLIPWAY_WORKER: "0" });
    expect(env.PORT).toBe(8080);
    expect(env.SLIPWAY_PG_PORT).toBe(6000);
    expect(env.SLIPWAY_SEED_DEMO).toBe(false);
    expect(env.SLIPWAY_WORKER).toBe(false);
    expect(parseEnv({ SLIPWAY_SEED_DEMO: "yes" }).SLIPWAY_SEED_DEMO).toBe(true);
  });

  it("rejects a non-numeric PORT with an EnvError naming PORT", () => {
    expect(() => parseEnv({ PORT: "abc" })).toThrow(EnvError);
    expect(() => parseEnv({ PORT: "abc" })).toThrow(/PORT/);
  });

  it("rejects out-of-range ports and unknown enum values", () => {
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT/);
    expect(() => parseEnv({ SLIPWAY_LOG_LEVEL: "loud" })).toThrow(/SLIPWAY_LOG_LEVEL/);
    expect(() => parseEnv({ SLIPWAY_SEED_DEMO: "maybe" })).toThrow(/SLIPWAY_SEED_DEMO/);
  });

  it("lists every invalid setting in one error", () => {
    let message = "";
    try {
      parseEnv({ PORT: "abc", SLIPWAY_PG_PORT: "x" });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/\bPORT\b/);
    expect(message).toMatch(/SLIPWAY_PG_PORT/);
  });

  it("treats empty strings as unset", () => {
    const env = parseEnv({ PORT: "", DATABASE_URL: "", SLIPWAY_SEED_DEMO: "", SLIPWAY_DATA_DIR: "" });
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SLIPWAY_SEED_DEMO).toBe(true);
    expect(env.SLIPWAY_DATA_DIR).toBe(".slipway");
  });

  it("accepts postgres URLs only for DATABASE_URL", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://u:p@db.internal:5432/slipway" }).DATABASE_URL).toBe(
      "postgres://u:p@db.internal:5432/slipway",
    );
    expect(parseEnv({ DATABASE_URL: "postgresql://localhost/slipway" }).DATABASE_URL).toBe(
      "postgresql://localhost/slipway",
    );
    expect(() => parseEnv({ DATABASE_URL: "mysql://localhost/slipway" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL/);
  });
});

describe("toolSettings", () => {
  it("reads the tool knobs even where the rest of the configuration is incomplete", () => {
    // Connected mode without its required settings: parseEnv refuses, the tool look-up must not.
    const source = { SLIPWAY_MODE: "connected", SLIPWAY_KUSTOMIZE: "kubectl", SLIPWAY_PEERS_CACHE: "/srv/cache" };
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(toolSettings({ ...source, PATH: "/opt/bin:/usr/bin" })).toEqual({
      searchPath: ["/opt/bin", "/usr/bin"],
      kustomize: "kubectl",
      peersCache: "/srv/cache",
    });
  });

  it("treats empty values as unset", () => {
    const tools = toolSettings({ SLIPWAY_KUSTOMIZE: "", SLIPWAY_PEERS_CACHE: "", PATH: "" });
    expect(tools.kustomize).toBeUndefined();
    expect(tools.peersCache).toMatch(/\/\.cache\/slipway-peers$/);
    expect(tools.searchPath).toEqual([]);
  });
});
