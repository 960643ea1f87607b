import { createElement, type ReactNode } from "react";
import { When } from "@/components/ui/when";

/** A run's times in the portal's one date format: relative, the exact time on hover. */
export function formatTime(iso: string | null): ReactNode {
  return createElement(When, { at: iso });
}

export function formatDuration(startIso: string | null, endIso: string | null): string {
  if (!startIso || !endIso) return "—";
  const ms = new Date(endIso).getTime() - new Date(startIso).getTime();
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
