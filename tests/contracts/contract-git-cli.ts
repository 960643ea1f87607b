import { execFile } from "node:child_process";
import { childEnv } from "@/lib/env";

// The contract suite checks what adapters claim against the real git CLI: a clone must show
// exactly the tree and history the port reported.

function isolatedEnv(home: string): NodeJS.ProcessEnv {
  const env = childEnv({});
  for (const key of Object.keys(env)) if (key.startsWith("GIT_")) delete env[key];
  return { ...env, GIT_CONFIG_NOSYSTEM: "1", HOME: home, XDG_CONFIG_HOME: home, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" };
}

export function runGitCli(home: string, cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "/usr/bin/git",
      args,
      { cwd, env: isolatedEnv(home), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`git ${args.join(" ")} failed: ${stderr.trim() || error.message}`));
        else resolve(stdout);
      },
    );
  });
}

/** Path → content of every file at HEAD of a fresh clone, read from git objects (no checkout quirks). */
export async function cloneTree(home: string, url: string, dest: string, branch: string): Promise<Map<string, string>> {
  await runGitCli(home, home, ["clone", "--quiet", "--no-checkout", "--branch", branch, url, dest]);
  const names = (await runGitCli(home, dest, ["ls-tree", "-r", "-z", "--name-only", "HEAD"]))
    .split("\0")
    .filter(Boolean);
  const files = new Map<string, string>();
  for (const name of names) files.set(name, await runGitCli(home, dest, ["cat-file", "blob", `HEAD:${name}`]));
  return files;
}
