"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { apiFetch } from "@/lib/http/client";
import { queryKeys } from "@/lib/query-keys";
import { isTerminal, type RunDetail, type RunLog } from "@/lib/runs/types";

// After the final `run` event the server still flushes late log lines, then ends the stream.
const CLOSE_GRACE_MS = 5000;

function addLog(prev: RunLog[], line: RunLog): RunLog[] {
  const last = prev[prev.length - 1];
  if (!last || line.id > last.id) return [...prev, line];
  // The stream replays from the start on connect; lines the page already has are skipped.
  if (prev.some((l) => l.id === line.id)) return prev;
  return [...prev, line].sort((a, b) => a.id - b.id);
}

/**
 * The run and its log, live: server-rendered first, then kept current by the run's event stream
 * (`run` replaces the state, `log` appends). The stream is closed once the run has ended, since
 * EventSource would otherwise reconnect forever.
 */
export function useRunStream(initialRun: RunDetail, initialLogs: RunLog[]) {
  const runId = initialRun.id;
  const queryClient = useQueryClient();
  const { data: run } = useQuery({
    queryKey: queryKeys.run(runId),
    queryFn: () => apiFetch<RunDetail>(`/api/v1/runs/${runId}`),
    initialData: initialRun,
    // The stream pushes every change; polling would only race it.
    staleTime: Infinity,
  });
  const [logs, setLogs] = useState(initialLogs);
  const startedTerminal = isTerminal(initialRun.status);

  useEffect(() => {
    if (startedTerminal) return;
    const source = new EventSource(`/api/v1/runs/${runId}/events`);
    let ended = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    source.addEventListener("run", (e) => {
      const next = JSON.parse((e as MessageEvent<string>).data) as RunDetail;
      queryClient.setQueryData(queryKeys.run(runId), next);
      if (isTerminal(next.status) && !ended) {
        ended = true;
        timer = setTimeout(() => source.close(), CLOSE_GRACE_MS);
      }
    });
    source.addEventListener("log", (e) => {
      const line = JSON.parse((e as MessageEvent<string>).data) as RunLog;
      setLogs((prev) => addLog(prev, line));
    });
    source.addEventListener("error", () => {
      // The server ends the stream after a terminal run; anything else is a reconnect.
      if (ended) source.close();
    });
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [runId, startedTerminal, queryClient]);

  return { run, logs };
}
