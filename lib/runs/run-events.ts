import { subscribe } from "@/lib/events/pg-listener";
import { RUN_EVENTS_CHANNEL } from "./run-store";

/** Calls `onChange` whenever the run changes (status, steps, logs); returns the unsubscribe. */
export function subscribeToRun(runId: string, onChange: () => void): Promise<() => void> {
  return subscribe(RUN_EVENTS_CHANNEL, runId, onChange);
}
