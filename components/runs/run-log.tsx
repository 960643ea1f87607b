"use client";

import { useEffect, useRef } from "react";
import type { RunLog } from "@/lib/runs/types";

const levelClass: Record<RunLog["level"], string> = {
  info: "text-slate-200",
  warn: "text-amber-300",
  error: "text-red-300",
};

/** The run's log, newest at the bottom; follows new lines unless the reader scrolled up. */
export function RunLogView({ logs }: { logs: RunLog[] }) {
  const box = useRef<HTMLOListElement>(null);
  const follow = useRef(true);
  useEffect(() => {
    const el = box.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [logs.length]);
  return (
    <>
      {logs.length === 0 ? <p className="mb-2 text-sm text-slate-500">No log lines yet.</p> : null}
      <ol
        ref={box}
        data-testid="run-log"
        aria-label="Run log"
        onScroll={(e) => {
          const el = e.currentTarget;
          follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
        className="max-h-[28rem] overflow-y-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-5"
      >
        {logs.map((l) => (
          <li
            key={l.id}
            data-log-id={l.id}
            data-level={l.level}
            className={`whitespace-pre-wrap break-words ${levelClass[l.level]}`}
          >
            <span className="text-slate-300">{l.at.slice(11, 19)} </span>
            {l.step ? <span className="text-sky-300">[{l.step}] </span> : null}
            {l.message}
          </li>
        ))}
      </ol>
    </>
  );
}
