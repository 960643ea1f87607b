import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureGoPeer } from "./go-build";
import { runCommand, startProcess, waitForHttp, type PeerProcess } from "./processes";
import { giteaPeer } from "./recipes";

// A throwaway Gitea (Forgejo's API-compatible upstream) on loopback: SQLite, no SSH, no mail, an
// admin user and an API token made with its own CLI, webhooks allowed to loopback.

export type RunningGitea = {
  url: string;
  username: string;
  password: string;
  token: string;
  process: PeerProcess;
  stop(): Promise<void>;
};

export const GITEA_ADMIN = "slipway-admin";

function appIni(opts: { workDir: string; staticRoot: string; port: number }): string {
  const secret = () => randomBytes(32).toString("hex");
  return `APP_NAME = Slipway peer Gitea
RUN_MODE = prod
WORK_PATH = ${opts.workDir}
; CI runs as root; Gitea refuses that unless told it is a throwaway.
I_AM_BEING_UNSAFE_RUNNING_AS_ROOT = true

[server]
PROTOCOL = http
HTTP_ADDR = 127.0.0.1
HTTP_PORT = ${opts.port}
ROOT_URL = http://127.0.0.1:${opts.port}/
DISABLE_SSH = true
START_SSH_SERVER = false
OFFLINE_MODE = true
LFS_START_SERVER = false
STATIC_ROOT_PATH = ${opts.staticRoot}
APP_DATA_PATH = ${opts.workDir}/data

[database]
DB_TYPE = sqlite3
PATH = ${opts.workDir}/data/gitea.db
SQLITE_JOURNAL_MODE = WAL

[repository]
ROOT = ${opts.workDir}/repos
DEFAULT_BRANCH = main

[security]
INSTALL_LOCK = true
SECRET_KEY = ${secret()}
INTERNAL_TOKEN = ${secret()}
PASSWORD_HASH_ALGO = pbkdf2_hi

[oauth2]
JWT_SECRET = ${randomBytes(32).toString("base64url")}

[service]
DISABLE_REGISTRATION = true
REQUIRE_SIGNIN_VIEW = false
DEFAULT_ALLOW_CREATE_ORGANIZATION = true

[webhook]
ALLOWED_HOST_LIST = loopback,private
DELIVER_TIMEOUT = 10

[mailer]
ENABLED = false

[session]
PROVIDER = memory

[cache]
ADAPTER = memory

[queue]
TYPE = channel

[indexer]
ISSUE_INDEXER_TYPE = db
REPO_INDEXER_ENABLED = false

[cron]
ENABLED = false

[cron.update_checker]
ENABLED = false

[actions]
ENABLED = false

[log]
MODE = console
LEVEL = warn
`;
}

/** Builds Gitea on first use, then starts a fresh instance in `dir` on `port`. */
export async function startGitea(opts: { dir: string; port: number }): Promise<RunningGitea> {
  const built = await ensureGoPeer(giteaPeer);
  const workDir = path.resolve(opts.dir);
  // A fresh instance every time: the admin user and token are created below.
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(path.join(workDir, "data"), { recursive: true });
  const config = path.join(workDir, "app.ini");
  writeFileSync(config, appIni({ workDir, staticRoot: built.srcDir, port: opts.port }));

  const gitea = built.bin("gitea");
  const env = { ...process.env, GITEA_WORK_DIR: workDir, HOME: workDir };
  const cli = (args: string[]) =>
    runCommand(gitea, ["--config", config, "--work-path", workDir, ...args], { cwd: workDir, env });
  await cli(["migrate"]);
  const password = randomBytes(12).toString("hex");
  await cli([
    "admin",
    "user",
    "create",
    "--admin",
    "--username",
    GITEA_ADMIN,
    "--password",
    password,
    "--email",
    "slipway-admin@peers.local",
    "--must-change-password=false",
  ]);
  // Gitea logs its running-as-root warning to stdout too: the token is the last line.
  const tokenOutput = await cli([
    "admin",
    "user",
    "generate-access-token",
    "--username",
    GITEA_ADMIN,
    "--token-name",
    "slipway-tests",
    "--scopes",
    "all",
    "--raw",
  ]);
  const token = tokenOutput.trim().split("\n").pop()?.trim() ?? "";
  if (!/^[0-9a-f]{40}$/.test(token)) throw new Error(`gitea did not print an access token:\n${tokenOutput}`);

  const proc = startProcess("gitea", gitea, ["--config", config, "--work-path", workDir, "web"], {
    cwd: workDir,
    env,
    logDir: workDir,
  });
  const url = `http://127.0.0.1:${opts.port}`;
  await waitForHttp(`${url}/api/v1/version`, proc);
  return { url, username: GITEA_ADMIN, password, token, process: proc, stop: () => proc.stop() };
}
