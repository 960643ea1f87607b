import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderAppRepo } from "./render-app-repo";
import { templates } from "./service-spec";
import { makeSpec } from "@/tests/gitops/fixtures";
import { writeTree } from "@/tests/gitops/kustomize";

const exec = promisify(execFile);

// Only what runs offline: Go's skeleton is stdlib-only; Node and Python servers need packages from
// a registry, so they are syntax-checked, and their dependency-free batch jobs are run.
function hasTool(tool: string): boolean {
  try {
    execFileSync(tool, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    try {
      execFileSync(tool, ["version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  }
}

const hasGo = hasTool("go");
const hasPython = hasTool("python3");
let root = "";

async function renderTo(language: "go" | "node" | "python", template: (typeof templates)[number]): Promise<string> {
  const dir = path.join(root, `${language}-${template}`);
  await writeTree(dir, renderAppRepo(makeSpec({ language, template, public: false, database: true, redis: true })));
  return dir;
}

async function listFiles(dir: string, suffix: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true });
  return entries.filter((e) => e.endsWith(suffix) && !e.includes("node_modules")).map((e) => path.join(dir, e));
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-skeleton-"));
});

afterAll(async () => {
  if (root) await fs.rm(root, { recursive: true, force: true });
});

describe.skipIf(!hasGo)("Go skeletons", () => {
  it.each(templates)(
    "%s is gofmt-clean, vets and passes its own tests",
    async (template) => {
      const dir = await renderTo("go", template);
      // No network needed: the module has no dependencies (a cold build cache costs about a minute).
      expect((await exec("gofmt", ["-l", "."], { cwd: dir })).stdout).toBe("");
      await exec("go", ["vet", "./..."], { cwd: dir });
      const { stdout } = await exec("go", ["test", "./..."], { cwd: dir });
      expect(stdout).toMatch(/^ok\s/m);
    },
    120_000,
  );
});

describe("Node skeletons", () => {
  it.each(templates)("%s parses", async (template) => {
    const dir = await renderTo("node", template);
    for (const file of await listFiles(dir, ".js")) await exec(process.execPath, ["--check", file]);
    expect(JSON.parse(await fs.readFile(path.join(dir, "package.json"), "utf8")).scripts.test).toBe("node --test");
  });

  it("the batch job passes its own tests", async () => {
    const dir = await renderTo("node", "batch-job");
    const { stdout } = await exec(process.execPath, ["--test"], { cwd: dir });
    expect(stdout).toMatch(/# fail 0/);
  });
});

describe.skipIf(!hasPython)("Python skeletons", () => {
  it.each(templates)("%s compiles", async (template) => {
    const dir = await renderTo("python", template);
    await exec("python3", ["-m", "py_compile", ...(await listFiles(dir, ".py"))]);
  });

  it("the batch job runs", async () => {
    const dir = await renderTo("python", "batch-job");
    const { stdout } = await exec("python3", ["-m", "app.job"], { cwd: dir });
    expect(stdout).toContain('"msg": "job finished"');
  });
});
