// npm run build — the production build `npm start` would make (the container image runs this):
// `next build`, the standalone server's assets, and the stamp that tells `npm start` it is current.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { markBuilt } from "./build-if-needed";
import { standaloneServer } from "./standalone";

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
if (!standaloneServer()) {
  console.error('[slipway] next build wrote no .next/standalone/server.js; is output: "standalone" in next.config.ts?');
  process.exit(1);
}
markBuilt();
