import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";

let cached: string | undefined;

/**
 * AUTH_SECRET when set (required in connected mode). A sandbox install invents one and keeps it in the
 * data dir, so `npm start` needs no setup and sessions survive restarts; web and worker share the file.
 */
export function getAuthSecret(): string {
  if (cached) return cached;
  const env = getEnv();
  if (env.AUTH_SECRET) return (cached = env.AUTH_SECRET);
  if (env.mode !== "sandbox") throw new Error("AUTH_SECRET is required outside sandbox mode");
  const file = path.resolve(env.SLIPWAY_DATA_DIR, "auth-secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fresh = randomBytes(32).toString("base64url");
    // `wx`: if another process wrote it first, keep theirs.
    try {
      fs.writeFileSync(file, fresh, { mode: 0o600, flag: "wx" });
      cached = fresh;
    } catch {
      cached = fs.readFileSync(file, "utf8").trim();
    }
  }
  return cached;
}
