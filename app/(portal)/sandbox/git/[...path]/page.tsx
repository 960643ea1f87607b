import { notFound } from "next/navigation";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-user";
import { loadSandboxGitView } from "@/lib/integrations/sandbox-git/sandbox-view";
import { forgejoPort } from "@/lib/wiring";

const mono = "font-mono text-xs";

export default async function SandboxGitPage({ params }: { params: Promise<{ path: string[] }> }) {
  await requirePageUser();
  const view = await loadSandboxGitView(forgejoPort(), (await params).path);
  if (!view) notFound();
  const title = `${view.repo.owner}/${view.repo.name}`;
  return (
    <>
      <PageHeader
        title={title}
        subtitle={
          <>
            Sandbox repository · clone <code className={mono}>{view.repo.cloneUrl}</code>
          </>
        }
      />
      {view.kind === "pull" ? (
        <Card title={`Pull request #${view.pull.number} · ${view.pull.state}`}>
          <h2 className="font-medium">{view.pull.title}</h2>
          <p className="mt-1 text-sm text-slate-500">
            {view.pull.head} → {view.pull.base}
            {view.pull.mergeSha ? ` · merged as ${view.pull.mergeSha.slice(0, 8)}` : ""}
          </p>
          <pre className="mt-3 whitespace-pre-wrap text-sm">{view.pull.body}</pre>
        </Card>
      ) : null}
      {view.kind === "commit" ? (
        <Card title={`Commit ${view.sha.slice(0, 8)}`}>
          {view.commit ? (
            <>
              <pre className="whitespace-pre-wrap text-sm" data-testid="commit-message">
                {view.commit.message}
              </pre>
              <p className="mt-1 text-xs text-slate-500">
                {view.commit.author} · {view.commit.date}
              </p>
            </>
          ) : null}
          <h3 className="mt-4 text-xs font-semibold uppercase text-slate-500">Files at this commit</h3>
          <ul className={mono}>
            {view.files.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </Card>
      ) : null}
      {view.kind === "repo" ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title="Recent commits">
            <ul className="space-y-1 text-sm">
              {view.commits.map((c) => (
                <li key={c.sha}>
                  <a className="text-indigo-700 hover:underline" href={c.htmlUrl}>
                    {c.sha.slice(0, 8)}
                  </a>{" "}
                  {c.message.split("\n")[0]}
                </li>
              ))}
            </ul>
          </Card>
          <Card title="Files">
            <ul className={mono}>
              {view.files.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          </Card>
        </div>
      ) : null}
    </>
  );
}
