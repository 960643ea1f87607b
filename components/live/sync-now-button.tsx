"use client";
import { useMutation } from "@tanstack/react-query";
import { secondaryButtonClass } from "@/components/ui/page-header";
import { apiFetch } from "@/lib/http/client";

/** Asks ArgoCD to sync now; the page then updates itself as the status events arrive. */
export function SyncNowButton({ deployment }: { deployment: string }) {
  const sync = useMutation({
    mutationFn: () => apiFetch<{ application: string }>(`/api/v1/deployments/${deployment}/sync`, { method: "POST" }),
  });
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" className={secondaryButtonClass} onClick={() => sync.mutate()} disabled={sync.isPending}>
        Sync now
      </button>
      {sync.isSuccess ? (
        <span role="status" className="text-xs text-emerald-700">
          Sync requested
        </span>
      ) : null}
      {sync.error ? (
        <span role="alert" className="text-xs text-rose-700">
          {sync.error.message}
        </span>
      ) : null}
    </span>
  );
}
