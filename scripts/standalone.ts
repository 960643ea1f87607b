import { cpSync, existsSync } from "node:fs";
import path from "node:path";

// Next's standalone output (next.config.ts `output: "standalone"`): .next/standalone holds a
// server.js and only the node_modules the server needs; the container image ships it. Next leaves
// the browser assets out of it, so they are copied beside the server after each build.

const STANDALONE_DIR = path.join(".next", "standalone");

/** The standalone server of the current build, with its assets in place; null before a build with it. */
export function standaloneServer(): string | null {
  const server = path.join(STANDALONE_DIR, "server.js");
  if (!existsSync(server)) return null;
  const assets: [string, string][] = [
    [path.join(".next", "static"), path.join(STANDALONE_DIR, ".next", "static")],
    ["public", path.join(STANDALONE_DIR, "public")],
  ];
  for (const [from, to] of assets) if (existsSync(from) && !existsSync(to)) cpSync(from, to, { recursive: true });
  return path.resolve(server);
}
