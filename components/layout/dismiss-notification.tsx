"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/http/client";

export function DismissNotification({ id }: { id: string }) {
  const router = useRouter();
  const dismiss = useMutation({
    mutationFn: () => apiFetch(`/api/v1/me/notifications/${id}/read`, { method: "POST", body: {} }),
    onSuccess: () => router.refresh(),
  });
  return (
    <button
      type="button"
      className="shrink-0 rounded px-1.5 text-amber-800 hover:bg-amber-100 disabled:opacity-50"
      aria-label="Dismiss notification"
      disabled={dismiss.isPending}
      onClick={() => dismiss.mutate()}
    >
      ×
    </button>
  );
}
