import { openSseClient } from "@/lib/events/sse-clients";
import { subscribeToRun } from "./run-events";
import { getRunDetail, listRunLogs } from "./run-store";
import { listRunStatusChanges } from "./run-status-changes";
import { isTerminal } from "./types";

const encoder = new TextEncoder();
const HEARTBEAT_MS = 15_000;

/**
 * A server-sent event stream of one run: `run` events with the run (status, steps, approvals,
 * links), `status` events with each status change and `log` events with new lines, sent on every change. `afterLogId` (Last-Event-ID)
 * resumes where a reconnecting browser left off. The stream ends once the run has ended.
 */
export function streamRun(runId: string, afterLogId: number, signal: AbortSignal): ReadableStream<Uint8Array> {
  let lastLogId = afterLogId;
  let lastStatusSeq = 0;
  let unsubscribe: (() => void) | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let busy: Promise<void> = Promise.resolve();
  let closed = false;
  let release = () => {};

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (chunk: string) => {
        if (!closed) controller.enqueue(encoder.encode(chunk));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        unsubscribe?.();
        clearInterval(heartbeat);
        release();
        controller.close();
      };
      const sendLogs = async () => {
        for (const log of await listRunLogs(runId, lastLogId)) {
          lastLogId = log.id;
          send(`id: ${log.id}\nevent: log\ndata: ${JSON.stringify(log)}\n\n`);
        }
        // Every status change, however brief (the `run` snapshots coalesce). No event id: Last-Event-ID
        // counts log lines, so a reconnected client gets the changes again and keeps them by `seq`.
        for (const change of await listRunStatusChanges(runId, lastStatusSeq)) {
          lastStatusSeq = change.seq;
          send(`event: status\ndata: ${JSON.stringify(change)}\n\n`);
        }
      };
      // Changes are pushed in order, one refresh at a time; a burst of notifications coalesces.
      const refresh = () => {
        busy = busy
          .then(async () => {
            if (closed) return;
            await sendLogs();
            const run = await getRunDetail(runId);
            send(`event: run\ndata: ${JSON.stringify(run)}\n\n`);
            if (isTerminal(run.status)) {
              // Lines written just before the run ended may have landed after the read above.
              await sendLogs();
              close();
            }
          })
          .catch(() => close());
      };
      signal.addEventListener("abort", close);
      unsubscribe = await subscribeToRun(runId, refresh);
      heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      // A stopping replica ends the stream; the browser reconnects with Last-Event-ID elsewhere.
      release = openSseClient("run", close);
      send("retry: 2000\n\n");
      refresh();
    },
    cancel() {
      closed = true;
      unsubscribe?.();
      clearInterval(heartbeat);
      release();
    },
  });
}
