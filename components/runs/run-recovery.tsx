"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { buttonClass } from "@/components/ui/page-header";
import { apiFetch, ApiError } from "@/lib/http/client";
import type { RecoveryOffer } from "@/lib/runs/recovery";
import type { Run } from "@/lib/runs/types";

/** After a failed change left a deployment unhealthy: one click requests the rollback to its last healthy version. */
export function RunRecovery({ offer, failedRunId }: { offer: RecoveryOffer; failedRunId: string }) {
  const router = useRouter();
  const rollback = useMutation({
    mutationFn: () =>
      apiFetch<Run>("/api/v1/actions/rollback/runs", {
        method: "POST",
        body: {
          entity: offer.deployment,
          input: {
            target_version: offer.version,
            reason: `Run ${failedRunId} failed and left ${offer.deployment} unhealthy${offer.current ? ` on ${offer.current}` : ""}`,
          },
        },
      }),
    onSuccess: (run) => router.push(`/runs/${run.id}`),
  });
  return (
    <div className="mt-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm" data-testid="run-recovery">
      <p>
        The change to <span className="font-medium">{offer.deployment}</span> is still in effect
        {offer.current ? (
          <>
            : its overlay pins <span className="font-mono">{offer.current}</span>
          </>
        ) : null}
        . The last version it ran healthy is <span className="font-mono">{offer.version}</span>.
      </p>
      <button
        type="button"
        className={`${buttonClass} mt-2`}
        disabled={rollback.isPending}
        onClick={() => rollback.mutate()}
      >
        Roll back to {offer.version}
      </button>
      {rollback.error ? (
        <p className="mt-2 text-red-700" role="alert">
          {rollback.error instanceof ApiError ? rollback.error.message : "The request failed; try again."}
        </p>
      ) : null}
    </div>
  );
}
