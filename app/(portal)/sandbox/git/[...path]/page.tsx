import { notFound } from "next/navigation";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-user";
import { loadSandboxGitView, sandboxGitPath } from "@/lib/integrations/sandbox-git/sandbox-view";
import { forgejoPort, sandboxClusterPaths } from "@/lib/wiring";
import { CommitFileDiff } from "./commit-diff";

const mono = "font-mono text-xs";
const link = "text-indigo-700 hover:underline";

function FileList({ files, href }: { files: string[]; href: (f: string) => string }) {
  return (
    <ul className={`${mono} space-y-0.5`} data-testid="file-list">
      {files.map((f) => (
        <li key={f} className="break-all">
          <a className={link} href={href(f)}>
            {f}
          </a>
        </li>
      ))}
    </ul>
  );
}

export default async function SandboxGitPage({ params }: { params: Promise<{ path: string[] }> }) {
  await requirePageUser();
  const view = await loadSandboxGitView(forgejoPort(), sandboxClusterPaths().gitRoot, (await params).path);
  if (!view) notFound();
  const { repo } = view;
  const repoHref = sandboxGitPath(repo);
  return (
    <>
      <PageHeader
        title={
          <a className="hover:underline" href={repoHref}>
            {repo.owner}/{repo.name}
          </a>
        }
        subtitle={
          <span className="break-all">
            Sandbox repository · clone <code className={mono}>{repo.cloneUrl}</code>
          </span>
        }
      />
      {view.kind === "pull" ? (
        <Card title={`Pull request #${view.pull.number} · ${view.pull.state}`}>
          <h2 className="font-medium">{view.pull.title}</h2>
          <p className="mt-1 text-sm text-slate-500">
            {view.pull.head} → {view.pull.base}
            {view.pull.mergeSha ? (
              <>
                {" · merged as "}
                <a className={`${mono} ${link}`} href={sandboxGitPath(repo, "commit", view.pull.mergeSha)}>
                  {view.pull.mergeSha.slice(0, 8)}
                </a>
              </>
            ) : null}
          </p>
          <pre className="mt-3 whitespace-pre-wrap text-sm">{view.pull.body}</pre>
        </Card>
      ) : null}
      {view.kind === "commit" ? (
        <div className="space-y-4">
          <Card title={`Commit ${view.sha.slice(0, 8)}`}>
            {view.commit ? (
              <>
                <pre className="whitespace-pre-wrap break-words text-sm" data-testid="commit-message">
                  {view.commit.message}
                </pre>
                <p className="mt-1 text-xs text-slate-500">
                  {view.commit.author} · <time title={view.commit.date}>{view.commit.date}</time> ·{" "}
                  <span title={view.commit.sha}>{view.commit.sha.slice(0, 8)}</span>
                </p>
              </>
            ) : null}
          </Card>
          <Card title={`${view.changes.length} changed file${view.changes.length === 1 ? "" : "s"}`}>
            <div className="space-y-3">
              {view.changes.map((f) => (
                <CommitFileDiff
                  key={f.path}
                  file={f}
                  href={f.status === "deleted" ? null : sandboxGitPath(repo, "src", view.sha, f.path)}
                />
              ))}
            </div>
          </Card>
          <Card>
            {/* The GitOps repository has hundreds of files: listed on request, not in the way of the diff. */}
            <details>
              <summary className="cursor-pointer text-sm font-semibold uppercase tracking-wide text-slate-500">
                All {view.files.length} files at this commit
              </summary>
              <div className="mt-3">
                <FileList files={view.files} href={(f) => sandboxGitPath(repo, "src", view.sha, f)} />
              </div>
            </details>
          </Card>
        </div>
      ) : null}
      {view.kind === "file" ? (
        <Card title={<span className="break-all normal-case">{view.path}</span>}>
          <p className="mb-2 text-xs text-slate-500">
            at <span className={mono}>{/^[0-9a-f]{40}$/.test(view.ref) ? view.ref.slice(0, 8) : view.ref}</span>
          </p>
          <pre className="overflow-x-auto rounded-md bg-slate-50 p-3 text-xs leading-5" data-testid="file-content">
            {view.content}
          </pre>
        </Card>
      ) : null}
      {view.kind === "repo" ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title="Recent commits">
            <ul className="space-y-1 text-sm" data-testid="commit-list">
              {view.commits.map((c) => (
                <li key={c.sha} className="break-words">
                  <a className={`${mono} ${link}`} href={sandboxGitPath(repo, "commit", c.sha)} title={c.sha}>
                    {c.sha.slice(0, 8)}
                  </a>{" "}
                  {c.message.split("\n")[0]}
                </li>
              ))}
            </ul>
          </Card>
          <Card title="Files">
            <FileList files={view.files} href={(f) => sandboxGitPath(repo, "src", repo.defaultBranch, f)} />
          </Card>
        </div>
      ) : null}
    </>
  );
}
