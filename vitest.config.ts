import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

const alias = [
  { find: /^@\//, replacement: root },
  // Next's `server-only` guard throws outside React Server Components; tests import server modules directly.
  { find: /^server-only$/, replacement: fileURLToPath(new URL("./tests/empty-module.ts", import.meta.url)) },
];

const excluded = [
  ...configDefaults.exclude,
  "**/node_modules/**",
  "e2e/**",
  ".next/**",
  ".slipway/**",
  ".slipway-*/**",
];

// Each action's executor.test.ts runs against the sandbox ports, whose catalog is PostgreSQL.
const actionExecutorTests = ["actions/**/executor.test.ts"];

export default defineConfig({
  resolve: { alias },
  test: {
    // next-auth imports "next/server" without an extension, which only a bundler resolves: let Vite transform it.
    server: { deps: { inline: ["next-auth"] } },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["**/*.test.ts"],
          exclude: [
            ...excluded,
            "**/*.int.test.ts",
            "**/*.peers.test.ts",
            "**/*.cluster.test.ts",
            ...actionExecutorTests,
          ],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          environment: "node",
          include: ["**/*.int.test.ts", ...actionExecutorTests],
          exclude: excluded,
          globalSetup: ["tests/global-setup.ts"],
          setupFiles: ["tests/wire.ts"],
          // Tests mint session cookies with this; sandbox mode (the default) gives them demo users.
          env: {
            AUTH_SECRET: "integration-tests-only-secret-0123456789abcdef",
            SLIPWAY_METRICS_TOKEN: "integration-tests-metrics-token",
            SLIPWAY_MODE: "sandbox",
            SLIPWAY_TEST_ACTIONS: "true",
            SLIPWAY_DATA_DIR: path.join(os.tmpdir(), `slipway-int-${process.pid}`),
          },
          // One embedded PostgreSQL, one database: files run one after another.
          fileParallelism: false,
          maxWorkers: 1,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // Real Gitea and Dex, started by `npm run test:peers` (scripts/peers/test-peers.ts), which
          // passes their URLs and credentials in SLIPWAY_FORGEJO_* and SLIPWAY_OIDC_*.
          name: "peers",
          environment: "node",
          include: ["**/*.peers.test.ts"],
          exclude: excluded,
          globalSetup: ["tests/global-setup.ts"],
          setupFiles: ["tests/wire.ts"],
          env: {
            AUTH_SECRET: "peer-tests-only-secret-0123456789abcdef0123",
            SLIPWAY_MODE: "connected",
            SLIPWAY_DATA_DIR: path.join(os.tmpdir(), `slipway-peers-${process.pid}`),
          },
          fileParallelism: false,
          maxWorkers: 1,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          // A real kube-apiserver, kwok nodes and ArgoCD plus a real Gitea, started by `npm run
          // test:cluster` (scripts/cluster/test-cluster.ts), which passes SLIPWAY_KUBECONFIG and SLIPWAY_FORGEJO_*.
          name: "cluster",
          environment: "node",
          include: ["**/*.cluster.test.ts"],
          exclude: excluded,
          globalSetup: ["tests/global-setup.ts"],
          setupFiles: ["tests/wire.ts"],
          env: {
            AUTH_SECRET: "cluster-tests-only-secret-0123456789abcdef01",
            SLIPWAY_MODE: "connected",
            SLIPWAY_DATA_DIR: path.join(os.tmpdir(), `slipway-cluster-${process.pid}`),
          },
          fileParallelism: false,
          maxWorkers: 1,
          testTimeout: 600_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
