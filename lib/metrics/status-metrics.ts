import { metrics } from "./registry";

/**
 * One ArgoCD status event handled: counted by source and outcome; when applied, the lag from the
 * moment the event says ArgoCD observed the state (its own timestamp) to now.
 */
export function recordStatusEvent(source: string, outcome: string, observedAt: Date): void {
  const m = metrics();
  m.statusEvents.inc({ source, outcome });
  if (outcome === "applied") m.statusLag.observe(Math.max(0, (Date.now() - observedAt.getTime()) / 1000));
}
