import Link from "next/link";
import { Card } from "@/components/ui/page-header";
import { listActions } from "@/lib/runs/action-mirror";

/** The entity page's "Actions" card: day-2 and delete actions of its blueprint, started on this entity. */
export async function EntityActions({
  blueprint,
  identifier,
  className = "",
}: {
  blueprint: string;
  identifier: string;
  className?: string;
}) {
  const actions = (await listActions({ blueprint })).filter((a) => a.trigger !== "create");
  const entityParam = encodeURIComponent(identifier);
  return (
    <Card title="Actions" className={className}>
      {actions.length === 0 ? (
        <p className="text-sm text-slate-500">No actions for entities of this blueprint.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {actions.map((a) => (
            <li key={a.id}>
              <Link
                className="font-medium text-indigo-700 hover:underline"
                href={`/actions/${a.id}/new?entity=${entityParam}`}
              >
                {a.title}
              </Link>
              {a.description ? <span className="block text-slate-500">{a.description}</span> : null}
            </li>
          ))}
        </ul>
      )}
      <Link className="mt-3 inline-block text-sm text-indigo-700 hover:underline" href={`/runs?entity=${entityParam}`}>
        Runs on this entity
      </Link>
    </Card>
  );
}
