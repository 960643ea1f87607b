import { execFile } from "node:child_process";
import { childEnv } from "@/lib/env";

const GIT = "/usr/bin/git";
const MAX_BUFFER = 64 * 1024 * 1024;

export type GitResult = { stdout: string; stderr: string; code: number };
export type GitOptions = { input?: string; env?: Record<string, string>; cwd?: string };

export class GitCommandError extends Error {
  readonly args: string[];
  readonly code: number;
  readonly stderr: string;

  constructor(args: string[], result: GitResult) {
    super(`git ${args.join(" ")} exited with ${result.code}: ${result.stderr.trim()}`);
    this.name = "GitCommandError";
    this.args = args;
    this.code = result.code;
    this.stderr = result.stderr;
  }
}

/**
 * The environment every sandbox git process runs with: the machine's and the user's git config
 * never apply (HOME and XDG point at the sandbox root), and no GIT_* variable inherited from a
 * calling hook or shell can redirect git to another repository or index.
 */
export function sandboxGitEnv(root: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = childEnv({});
  for (const key of Object.keys(env)) if (key.startsWith("GIT_")) delete env[key];
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: "1",
    HOME: root,
    XDG_CONFIG_HOME: root,
    GIT_TERMINAL_PROMPT: "0",
    // File paths come from callers: "*" or ":" in them are characters, never pathspec magic.
    GIT_LITERAL_PATHSPECS: "1",
    LC_ALL: "C",
    ...extra,
  };
}

/** Runs git and resolves with its exit code; never rejects on a non-zero exit. */
export function runGitRaw(root: string, args: string[], options: GitOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      GIT,
      args,
      { cwd: options.cwd ?? root, env: sandboxGitEnv(root, options.env), maxBuffer: MAX_BUFFER, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(error);
        resolve({ stdout, stderr, code: error ? Number(error.code) : 0 });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/** Runs git and returns stdout; a non-zero exit throws GitCommandError. */
export async function runGit(root: string, args: string[], options: GitOptions = {}): Promise<string> {
  const result = await runGitRaw(root, args, options);
  if (result.code !== 0) throw new GitCommandError(args, result);
  return result.stdout;
}
