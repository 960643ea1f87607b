import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Vendor SDKs live behind ports in lib/integrations/; everything else talks in domain types.
const vendorSdks = ["gitea-js", "@kubernetes/client-node"];
const vendorPaths = vendorSdks.map((name) => ({ name, message: "Import vendor SDKs only inside lib/integrations/." }));

// actions/ builds on lib/; only the composition root (lib/wiring.ts) may import it back.
const actionsPatterns = [
  {
    regex: "^(@/actions|(\\.\\./)+actions)(/|$)",
    message: "lib/ must not import actions/: lib/wiring.ts hands the registry to lib/runs at start-up.",
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".slipway/**",
      ".slipway-*/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  {
    rules: {
      "no-restricted-imports": ["error", { paths: vendorPaths }],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through lib/env.ts." },
      ],
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["lib/**"],
    ignores: ["lib/wiring.ts"],
    rules: { "no-restricted-imports": ["error", { paths: vendorPaths, patterns: actionsPatterns }] },
  },
  { files: ["lib/integrations/**"], rules: { "no-restricted-imports": ["error", { patterns: actionsPatterns }] } },
  // env.ts is the one reader; scripts/tests/configs hand the environment to child processes.
  {
    files: ["lib/env.ts", "scripts/**", "tests/**", "e2e/**", "e2e-peers/**", "bench/**", "*.config.*"],
    rules: { "no-restricted-properties": "off" },
  },
];

export default config;
