import { defineConfig } from "@playwright/test";
import { chromiumUse } from "./e2e/chromium";

// Browser journeys against real peers: `npm run test:peers` starts Gitea and Dex and passes their
// settings (SLIPWAY_FORGEJO_*, SLIPWAY_OIDC_*) in the environment; Slipway runs in connected mode.
export const PEERS_PORT = Number(process.env.PEERS_PORT ?? 3400);

export default defineConfig({
  testDir: "e2e-peers",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: { baseURL: `http://localhost:${PEERS_PORT}`, ...chromiumUse },
  webServer: {
    command: "rm -rf .slipway-peers && npm start",
    url: `http://localhost:${PEERS_PORT}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PEERS_PORT),
      AUTH_URL: `http://localhost:${PEERS_PORT}`,
      AUTH_SECRET: "peer-browser-tests-only-secret-0123456789abcdef",
      SLIPWAY_MODE: "connected",
      SLIPWAY_DATA_DIR: ".slipway-peers",
      SLIPWAY_PG_PORT: process.env.PEERS_SLIPWAY_PG_PORT ?? "54333",
    },
  },
});
