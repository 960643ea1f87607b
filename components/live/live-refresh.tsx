"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Re-renders the page's server components when one of these entities changes (ArgoCD status,
 * runs writing to the catalog), through the `/api/v1/events` stream: no reload, no polling.
 */
export function LiveRefresh({ topics }: { topics: string[] }) {
  const router = useRouter();
  const key = topics.join(",");
  useEffect(() => {
    if (!key) return;
    const source = new EventSource(`/api/v1/events?topics=${encodeURIComponent(key)}`);
    source.addEventListener("change", () => router.refresh());
    return () => source.close();
  }, [key, router]);
  return null;
}
