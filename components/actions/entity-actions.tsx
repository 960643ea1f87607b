import Link from "next/link";
import { Card } from "@/components/ui/page-header";
import type { SessionUser } from "@/lib/auth/roles";
import { listActions } from "@/lib/runs/action-mirror";
import { actionAccess } from "./action-access";

/**
 * The entity page's "Actions" card: day-2 and delete actions of its blueprint, started on this entity.
 * An action the user may not run stays listed, without a link and with the reason.
 */
export async function EntityActions({
  user,
  blueprint,
  entity,
  className = "",
}: {
  user: SessionUser;
  blueprint: string;
  entity: { identifier: string; team: string | null };
  className?: string;
}) {
  const actions = (await listActions({ blueprint })).filter((a) => a.trigger !== "create");
  const entityParam = encodeURIComponent(entity.identifier);
  return (
    <Card title={actions.length === 0 ? "Runs" : "Actions"} className={className}>
      {actions.length === 0 ? null : (
        <ul className="space-y-2 text-sm">
          {actions.map((a) => {
            const access = actionAccess(user, a, entity.team);
            return (
              <li key={a.id} data-testid={`entity-action-${a.id}`}>
                {access.allowed ? (
                  <Link
                    className="font-medium text-indigo-700 hover:underline"
                    href={`/actions/${a.id}/new?entity=${entityParam}`}
                  >
                    {a.title}
                  </Link>
                ) : (
                  <span className="font-medium text-slate-400" aria-disabled="true">
                    {a.title}
                  </span>
                )}
                {a.description ? <span className="block text-slate-500">{a.description}</span> : null}
                {access.allowed ? null : (
                  <span className="block text-xs text-amber-700" data-testid="action-disabled-reason">
                    Not available to you: {access.reason}.
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <Link
        className={`${actions.length === 0 ? "" : "mt-3 "}inline-block text-sm text-indigo-700 hover:underline`}
        href={`/runs?entity=${entityParam}`}
      >
        Runs on this entity
      </Link>
    </Card>
  );
}
