import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { BUILD_INPUTS } from "@/scripts/build-if-needed";
import { readCompose } from "./compose-file";
import { copyParts, execForm, readDockerfile } from "./dockerfile";
import { parseAllDocuments } from "yaml";

// deploy/Dockerfile read statically (no Docker engine here): stages, user, health check, and that
// what it copies and runs exists in the repository.

const { args, stages } = readDockerfile("deploy/Dockerfile");
const final = stages.at(-1)!;
const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
const ignored = readFileSync(".dockerignore", "utf8").split("\n").filter(Boolean);
const of = (keyword: string) => final.instructions.filter((i) => i.keyword === keyword);

/** The file an npm script runs with tsx (scripts/start.ts for `npm start`). */
function scriptFile(command: string[]): string {
  expect(command[0]).toBe("npm");
  const name = command[1] === "run" ? command[2]! : command[1]!;
  const script = scripts[name];
  expect(script, `npm script ${name}`).toMatch(/^tsx \S+\.ts$/);
  return script!.split(" ")[1]!;
}

describe("deploy/Dockerfile", () => {
  it("is multi-stage: kustomize from Go, a build stage, runtime dependencies, a runtime", () => {
    expect(stages.map((s) => s.name)).toEqual(["kustomize", "build", "runtime-deps", "runtime"]);
    expect(stages[0]!.base).toMatch(/^golang:/);
    const nodeImage = args.find((a) => a.keyword === "ARG" && a.args.startsWith("NODE_IMAGE="));
    expect(nodeImage?.args).toMatch(/^NODE_IMAGE=node:(20|22|24)/);
    const build = stages[1]!.instructions.map((i) => `${i.keyword} ${i.args}`);
    expect(build.some((i) => i.startsWith("RUN npm run build"))).toBe(true);
    expect(scripts.build).toBe("tsx scripts/build.ts");
  });

  it("builds Next's standalone output, which the launcher serves", () => {
    expect(nextConfig.output).toBe("standalone");
    expect(readFileSync("scripts/build.ts", "utf8")).toContain("standaloneServer()");
    expect(readFileSync("scripts/start.ts", "utf8")).toContain("standaloneServer()");
  });

  it("runs as the unprivileged node user, with git and kustomize on board", () => {
    const user = of("USER").at(-1)?.args;
    expect(user).toBeDefined();
    expect(["root", "0", "0:0"]).not.toContain(user);
    const run = of("RUN")
      .map((i) => i.args)
      .join(" ");
    expect(run).toMatch(/apt-get install .*\bgit\b/);
    expect(of("COPY").map((i) => i.args)).toContain("--from=kustomize /out/kustomize /usr/local/bin/kustomize");
  });

  it("has a HEALTHCHECK on /api/health and starts the launcher `npm start` runs outside Docker", () => {
    const [health] = of("HEALTHCHECK");
    expect(execForm(health!.args).join(" ")).toContain("/api/health");
    const cmd = execForm(of("CMD").at(-1)!.args);
    expect(existsSync(scriptFile(cmd))).toBe(true);
    expect(of("ENTRYPOINT")).toEqual([]);
  });

  it("copies only what exists, is not docker-ignored, and comes from a stage that exists", () => {
    const names = stages.map((s) => s.name);
    for (const stage of stages) {
      for (const copy of stage.instructions.filter((i) => i.keyword === "COPY")) {
        const { from, sources } = copyParts(copy.args);
        if (from) {
          expect(names, `line ${copy.line}`).toContain(from);
          continue;
        }
        for (const source of sources.filter((s) => s !== ".")) {
          expect(existsSync(source), `line ${copy.line}: ${source}`).toBe(true);
          expect(ignored, `line ${copy.line}: ${source}`).not.toContain(source);
        }
      }
    }
  });

  it("gives the runtime every input of the build stamp, so `npm start` does not rebuild in the container", () => {
    const copied = of("COPY")
      .map((i) => copyParts(i.args))
      .filter((c) => !c.from)
      .flatMap((c) => c.sources);
    for (const input of BUILD_INPUTS) expect(copied, input).toContain(input);
    expect(copied).toEqual(expect.arrayContaining(["scripts", "worker", "tsconfig.json"]));
  });

  it("serves the commands the Kubernetes manifests and docker compose give it", () => {
    const { services } = readCompose();
    const commands = [...baseCommands(), services.web!.command!, services.worker!.command!];
    expect(commands.length).toBeGreaterThan(2);
    for (const command of commands) expect(existsSync(path.resolve(scriptFile(command)))).toBe(true);
  });
});

type Workload = { kind: string; spec?: { template?: { spec?: { containers?: { command: string[] }[] } } } };

/** The container commands of the kustomize base's Deployments. */
function baseCommands(): string[][] {
  return ["web.yaml", "worker.yaml"].flatMap((file) =>
    parseAllDocuments(readFileSync(path.join("deploy/kubernetes/base", file), "utf8"))
      .map((d) => d.toJS() as Workload)
      .filter((o) => o.kind === "Deployment")
      .flatMap((o) => o.spec!.template!.spec!.containers!.map((c) => c.command)),
  );
}
