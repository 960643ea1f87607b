import type { RegisteredAction } from "./define-action";
import type { RunPorts } from "./ports";

/**
 * What lib/runs needs from the outside: the actions (a folder that itself builds on lib/runs) and
 * the ports runs act through. The composition root (lib/wiring.ts) hands both over at start-up.
 */
export type RunWiring = {
  actions: readonly RegisteredAction[];
  /** Ports acting as `actor` in the catalog's audit trail; adapters are built on first use. */
  portsFor: (actor: string) => RunPorts;
};

// On globalThis: Next.js evaluates instrumentation.ts and the route bundles as separate module
// instances in one process, so a module variable set at start-up would not reach the routes.
const KEY = Symbol.for("slipway.run-wiring");
const slot = globalThis as typeof globalThis & { [KEY]?: RunWiring };

export function installRunWiring(wiring: RunWiring): void {
  slot[KEY] = wiring;
}

export function getRunWiring(): RunWiring {
  const wiring = slot[KEY];
  if (!wiring) throw new Error("Runs are not wired: call wire() from lib/wiring.ts when the process starts");
  return wiring;
}

export function listActionDefinitions(): readonly RegisteredAction[] {
  return getRunWiring().actions;
}

/** An action by id or by one of its aliases (Port's names, for the webhook). */
export function findActionDefinition(idOrAlias: string): RegisteredAction | undefined {
  return listActionDefinitions().find((a) => a.id === idOrAlias || a.aliases?.includes(idOrAlias));
}
