import { readFileSync } from "node:fs";

// A small Dockerfile reader for static checks (no Docker engine here): instructions with their
// continuation lines joined, grouped by stage.

export type Instruction = { keyword: string; args: string; line: number };
export type Stage = { name: string | null; base: string; instructions: Instruction[] };

export function readDockerfile(file: string): { args: Instruction[]; stages: Stage[] } {
  const lines = readFileSync(file, "utf8").split("\n");
  const instructions: Instruction[] = [];
  let pending: Instruction | null = null;
  lines.forEach((raw, i) => {
    const text = raw.trim();
    if (!pending && (text === "" || text.startsWith("#"))) return;
    if (pending && text.startsWith("#")) return;
    const continued = text.endsWith("\\");
    const body = continued ? text.slice(0, -1).trim() : text;
    if (pending) pending.args = `${pending.args} ${body}`.trim();
    else {
      const [keyword = "", ...rest] = body.split(/\s+/);
      pending = { keyword: keyword.toUpperCase(), args: rest.join(" "), line: i + 1 };
    }
    if (!continued) {
      instructions.push(pending);
      pending = null;
    }
  });
  const args: Instruction[] = [];
  const stages: Stage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === "FROM") {
      const [base = "", as, name] = ins.args.split(/\s+/);
      stages.push({ name: as?.toUpperCase() === "AS" ? (name ?? null) : null, base, instructions: [] });
    } else if (stages.length === 0) args.push(ins);
    else stages.at(-1)!.instructions.push(ins);
  }
  return { args, stages };
}

/** COPY's sources and destination, and its --from stage when it has one. */
export function copyParts(args: string): { from: string | null; sources: string[]; dest: string } {
  const words = args.split(/\s+/);
  const flags = words.filter((w) => w.startsWith("--"));
  const paths = words.filter((w) => !w.startsWith("--"));
  const from = flags.find((f) => f.startsWith("--from="))?.slice("--from=".length) ?? null;
  return { from, sources: paths.slice(0, -1), dest: paths.at(-1)! };
}

/** The exec form (JSON array) of CMD/ENTRYPOINT/HEALTHCHECK CMD. */
export function execForm(args: string): string[] {
  return JSON.parse(args.slice(args.indexOf("["))) as string[];
}
