import { createElement, type ReactNode } from "react";
import { When } from "@/components/ui/when";

/** "3 d", "5 h", "12 min": durations the way people say them. */
export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return "—";
  if (hours >= 48) return `${Math.round(hours / 24)} d`;
  if (hours >= 1) return `${Math.round(hours * 10) / 10} h`;
  return `${Math.round(hours * 60)} min`;
}

export function formatPercent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "—" : `${Math.round(rate * 1000) / 10} %`;
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 16).replace("T", " ") : "—";
}

/** An event's time in a table: relative, the exact time on hover (the portal's one date format). */
export function formatWhen(iso: string | null | undefined): ReactNode {
  return createElement(When, { at: iso });
}
