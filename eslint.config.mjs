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

// Test support (fixtures, fakes, contract suites) lives in tests/; product code never imports it.
const testSupportPatterns = [
  {
    regex: "^(@/tests|(\\.\\./)+tests)(/|$)",
    message: "Test support lives in tests/ and only test files import it; move what product code needs into lib/.",
  },
];
const productFiles = ["lib/**", "app/**", "actions/**", "components/**", "worker/**", "db/**", "proxy.ts"];
const testFiles = ["**/*.test.ts", "**/*.test.tsx"];

// ESLint replaces a rule's options per config object instead of merging them, so each object
// below states every import restriction that applies to its files.
function restrictImports({ vendors = true, actions = false, tests = false }) {
  const patterns = [...(actions ? actionsPatterns : []), ...(tests ? testSupportPatterns : [])];
  return { "no-restricted-imports": ["error", { paths: vendors ? vendorPaths : [], patterns }] };
}

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
      ...restrictImports({}),
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
  { files: productFiles, ignores: testFiles, rules: restrictImports({ tests: true }) },
  {
    files: ["lib/**"],
    ignores: ["lib/wiring.ts", ...testFiles],
    rules: restrictImports({ actions: true, tests: true }),
  },
  { files: ["lib/**/*.test.ts"], rules: restrictImports({ actions: true }) },
  // Vendor SDKs are allowed where they are wrapped.
  {
    files: ["lib/integrations/**"],
    ignores: testFiles,
    rules: restrictImports({ vendors: false, actions: true, tests: true }),
  },
  { files: ["lib/integrations/**/*.test.ts"], rules: restrictImports({ vendors: false, actions: true }) },
  // env.ts is the one reader; scripts/tests/configs hand the environment to child processes.
  {
    files: ["lib/env.ts", "scripts/**", "tests/**", "e2e/**", "e2e-peers/**", "bench/**", "*.config.*"],
    rules: { "no-restricted-properties": "off" },
  },
];

export default config;
