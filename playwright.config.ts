import { defineConfig } from "@playwright/test";
import { chromiumUse } from "./e2e/chromium";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "e2e",
  // One worker on one database, files in name order: the specs that count the 12 demo services
  // (catalog, dashboards, fleet-matrix) run before those that create services (gitops, promotion-review,
  // service-hub). A new spec that creates a service must sort after them too.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    ...chromiumUse,
  },
  webServer: {
    // A fresh sandbox catalog per run: its own data dir and Postgres port, the same launcher as `npm start`.
    command: "rm -rf .slipway-e2e && npm start",
    url: `http://localhost:${E2E_PORT}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      SLIPWAY_DATA_DIR: ".slipway-e2e",
      SLIPWAY_PG_PORT: process.env.E2E_PG_PORT ?? "54331",
      SLIPWAY_TEST_ACTIONS: "true",
      // A known secret so journeys can send ArgoCD status reports themselves (portal-ux.spec.ts).
      SLIPWAY_ARGOCD_WEBHOOK_SECRET: "e2e-argocd-webhook-secret-000",
    },
  },
});
