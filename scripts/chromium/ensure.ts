// Before the browser tests: find Chromium, or install Debian's (root with apt), or stop with one line.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { DEBIAN_CHROMIUM, planBrowser } from "./decide";

const say = (line: string) => console.log(`[chromium] ${line}`);

function apt(args: string[]): boolean {
  say(`apt-get ${args.join(" ")}`);
  const result = spawnSync("apt-get", args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.status === 0;
}

const plan = planBrowser({
  configured: process.env.SLIPWAY_CHROMIUM,
  exists: existsSync,
  isRoot: process.getuid?.() === 0,
  hasApt: !spawnSync("apt-get", ["--version"], { stdio: "ignore" }).error,
});

if (plan.kind === "refuse") {
  console.error(`[chromium] ${plan.line}`);
  process.exit(1);
}
if (plan.kind === "install") {
  say(`No Chromium at ${DEBIAN_CHROMIUM}: installing Debian's chromium for the browser tests (once, about a minute)`);
  if (!apt(["update"]) || !apt(["install", "-y", "chromium"]) || !existsSync(DEBIAN_CHROMIUM)) {
    console.error(
      `[chromium] Installing chromium failed (see above); run \`apt-get install -y chromium\` and try again`,
    );
    process.exit(1);
  }
  say(`Installed ${DEBIAN_CHROMIUM}`);
}
