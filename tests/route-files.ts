import fs from "node:fs";
import path from "node:path";

// Route handlers as Next.js finds them: every `route.ts` under app/, at the URL its folder gives.

export const APP_DIR = path.resolve(__dirname, "../app");
export const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export function routeFiles(dir: string = APP_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return routeFiles(full);
    return d.name === "route.ts" ? [full] : [];
  });
}

/** `app/api/v1/runs/[run]/route.ts` → `/api/v1/runs/[run]`; `(group)` folders are not part of the URL. */
export const urlOf = (file: string) =>
  "/" +
  path
    .relative(APP_DIR, path.dirname(file))
    .split(path.sep)
    .filter((s) => !/^\(.*\)$/.test(s))
    .join("/");

/** Each exported handler of each route file, keyed `METHOD /url`. */
export async function routeHandlers(dir: string = APP_DIR): Promise<Map<string, unknown>> {
  const handlers = new Map<string, unknown>();
  for (const file of routeFiles(dir)) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS)
      if (typeof mod[method] === "function") handlers.set(`${method} ${urlOf(file)}`, mod[method]);
  }
  return handlers;
}
