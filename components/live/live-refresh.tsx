"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";

/**
 * Re-renders the page's server components when one of these entities changes (ArgoCD status,
 * runs writing to the catalog), through the `/api/v1/events` stream: no reload, no polling, and
 * no change lost between the server render and the stream's subscription.
 * One refresh at a time: overlapping refreshes may land out of order and leave an older state on
 * screen, so a change that arrives mid-refresh triggers one more refresh after it.
 */
export function LiveRefresh({ topics }: { topics: string[] }) {
  const router = useRouter();
  const [refreshing, startTransition] = useTransition();
  const refreshingRef = useRef(false);
  const dirty = useRef(false);
  const key = topics.join(",");

  useEffect(() => {
    refreshingRef.current = refreshing;
    if (!refreshing && dirty.current) {
      dirty.current = false;
      startTransition(() => router.refresh());
    }
  }, [refreshing, router]);

  useEffect(() => {
    if (!key) return;
    const source = new EventSource(`/api/v1/events?topics=${encodeURIComponent(key)}`);
    const refresh = () => {
      if (refreshingRef.current) dirty.current = true;
      else startTransition(() => router.refresh());
    };
    source.addEventListener("change", refresh);
    // Sent once the stream is subscribed (also after a reconnect): changes since the page was
    // rendered were never streamed, so look once.
    source.addEventListener("ready", refresh);
    return () => source.close();
  }, [key, router]);
  return null;
}
