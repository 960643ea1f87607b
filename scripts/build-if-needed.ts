import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

// Inputs of `next build`; a change in any of them triggers a rebuild on `npm start`.
export const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "actions",
  "db",
  "public",
  "package-lock.json",
  "next.config.ts",
  "proxy.ts",
  "instrumentation.ts",
  "postcss.config.mjs",
  "tsconfig.json",
];
const STAMP = path.join(".next", "slipway-build-hash");

function walk(p: string, hash: ReturnType<typeof createHash>): void {
  if (!existsSync(p)) return;
  const st = statSync(p);
  if (st.isDirectory()) {
    for (const name of readdirSync(p).sort()) {
      if (name === "node_modules" || name.startsWith(".")) continue;
      walk(path.join(p, name), hash);
    }
    return;
  }
  if (/\.test\.tsx?$/.test(p)) return; // tests do not change the build
  hash.update(p);
  hash.update(readFileSync(p));
}

export function sourceHash(): string {
  const hash = createHash("sha256");
  for (const input of BUILD_INPUTS) walk(input, hash);
  return hash.digest("hex");
}

export function buildIsCurrent(): boolean {
  return (
    existsSync(path.join(".next", "BUILD_ID")) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === sourceHash()
  );
}

export function markBuilt(): void {
  writeFileSync(STAMP, sourceHash());
}
