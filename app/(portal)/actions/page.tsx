import Link from "next/link";
import { buttonClass, Card, PageHeader } from "@/components/ui/page-header";
import { listActions } from "@/lib/runs/action-mirror";

export default async function ActionsPage() {
  const actions = await listActions();
  return (
    <>
      <PageHeader
        title="Self-service actions"
        subtitle="Every action runs as an audited run; some need approval first."
      />
      <Card>
        {actions.length === 0 ? (
          <p className="text-sm text-slate-500">No actions are registered.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-4">Action</th>
                <th className="pr-4">Blueprint</th>
                <th className="pr-4">Trigger</th>
                <th />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {actions.map((a) => (
                <tr key={a.id} data-testid="action-row">
                  <td className="py-2 pr-4">
                    <div className="font-medium">{a.title}</div>
                    <div className="text-slate-500">{a.description}</div>
                    <div className="font-mono text-xs text-slate-500">{a.id}</div>
                  </td>
                  <td className="pr-4">
                    <Link className="text-indigo-700 hover:underline" href={`/catalog/${a.blueprint}`}>
                      {a.blueprint}
                    </Link>
                  </td>
                  <td className="pr-4">{a.trigger}</td>
                  <td className="py-2 text-right">
                    {a.trigger === "create" ? (
                      <Link className={buttonClass} href={`/actions/${a.id}/new`}>
                        Run
                      </Link>
                    ) : (
                      // Day-2 and delete actions need an entity; its page knows which one.
                      <span className="text-xs text-slate-500">
                        Start from an entity page (
                        <Link className="text-indigo-700 hover:underline" href={`/catalog/${a.blueprint}`}>
                          {a.blueprint}
                        </Link>
                        )
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
