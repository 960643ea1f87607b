import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

// docker-compose.yml as data, with `${VAR:-default}` resolved to its default, as `docker compose`
// does when the variable is unset.

export type ComposeService = {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  networks?: { default?: { aliases?: string[] } };
  restart?: string;
};
export type ComposeFile = { services: Record<string, ComposeService>; volumes: Record<string, unknown> };

export const COMPOSE_FILE = path.resolve("docker-compose.yml");

const withDefaults = (text: string) => text.replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, (_m, fallback: string) => fallback);

export function readCompose(file = COMPOSE_FILE): ComposeFile {
  // merge: the `<<: *slipway-env` keys of YAML 1.1, which compose supports.
  return parse(withDefaults(readFileSync(file, "utf8")), { merge: true }) as ComposeFile;
}

/** A bind mount's host path (relative to the compose file), or null for a named volume. */
export function bindSource(volume: string): { source: string; target: string } | null {
  const [source = "", target = ""] = volume.split(":");
  return source.startsWith(".") || source.startsWith("/")
    ? { source: path.resolve(path.dirname(COMPOSE_FILE), source), target }
    : null;
}

export function publishedPorts(service: ComposeService): { host: number; container: number }[] {
  return (service.ports ?? []).map((p) => {
    const [host, container] = p.split(":").map(Number);
    return { host: host!, container: container! };
  });
}

/** The file a service mounts at `target`, read from the checkout. */
export function mountedFile(service: ComposeService, target: string): string {
  const mount = (service.volumes ?? []).map(bindSource).find((m) => m?.target === target);
  if (!mount) throw new Error(`nothing is mounted at ${target}`);
  return mount.source;
}
