import { getEnv } from "@/lib/env";

type Level = "debug" | "info" | "warn" | "error";
const rank: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// One JSON line per event so logs stay greppable and machine-readable.
function write(level: Level, msg: string, data?: Record<string, unknown>): void {
  let threshold: Level = "info";
  try {
    threshold = getEnv().SLIPWAY_LOG_LEVEL;
  } catch {
    // configuration errors are reported elsewhere; keep logging
  }
  if (rank[level] < rank[threshold]) return;
  const line = JSON.stringify({ level, time: new Date().toISOString(), msg, ...data });
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export const logger = {
  debug: (msg: string, data?: Record<string, unknown>) => write("debug", msg, data),
  info: (msg: string, data?: Record<string, unknown>) => write("info", msg, data),
  warn: (msg: string, data?: Record<string, unknown>) => write("warn", msg, data),
  error: (msg: string, data?: Record<string, unknown>) => write("error", msg, data),
};
