import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv, type Env } from "@/lib/env";
import { safeCallbackUrl } from "./callback-url";

let env: Env = parseEnv({});
vi.mock("@/lib/env", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/env")>()),
  getEnv: () => env,
}));
const { sandboxIdentity, SANDBOX_ONLY_MESSAGE } = await import("./sandbox-sign-in");

afterEach(() => {
  env = parseEnv({});
});

describe("sandbox sign-in", () => {
  it("signs demo users in with their groups in sandbox mode", () => {
    expect(sandboxIdentity("dana")).toEqual({
      id: "sandbox:dana",
      email: "dana@slipway.local",
      name: "Dana Okafor",
      groups: ["team-payments"],
    });
  });

  it("refuses with a clear message in connected mode, even for a real demo id", () => {
    env = parseEnv({
      SLIPWAY_OIDC_ISSUER: "https://dex.example.com",
      SLIPWAY_OIDC_CLIENT_ID: "c",
      SLIPWAY_OIDC_CLIENT_SECRET: "s",
      AUTH_SECRET: "x".repeat(32),
      SLIPWAY_FORGEJO_URL: "https://git.example.com",
      SLIPWAY_FORGEJO_TOKEN: "t",
    });
    expect(() => sandboxIdentity("ada")).toThrow(SANDBOX_ONLY_MESSAGE);
  });

  it("refuses unknown demo users with a field error", () => {
    expect(() => sandboxIdentity("mallory")).toThrow(/Unknown demo user/);
    expect(() => sandboxIdentity(undefined)).toThrow(/Unknown demo user/);
  });
});

describe("safeCallbackUrl", () => {
  it("keeps same-site paths and drops everything that could leave the site", () => {
    expect(safeCallbackUrl("/catalog/service?q=a")).toBe("/catalog/service?q=a");
    for (const bad of ["https://evil.test/", "//evil.test", "/\\evil.test", "javascript:alert(1)", undefined, 42])
      expect(safeCallbackUrl(bad)).toBe("/");
  });
});
