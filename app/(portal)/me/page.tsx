import { TokenManager } from "@/components/profile/token-manager";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-user";
import { listApiTokens } from "@/lib/auth/tokens";

const chip = "mr-1 inline-block rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700";

export default async function ProfilePage() {
  const user = await requirePageUser();
  const tokens = await listApiTokens(user.id);
  return (
    <>
      <PageHeader title={user.name} subtitle={user.email} />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Roles">
          <div data-testid="roles">
            {user.roles.map((r) => (
              <span key={r} className={chip}>
                {r}
              </span>
            ))}
          </div>
        </Card>
        <Card title="Teams">
          <div data-testid="teams">
            {user.teams.length > 0 ? (
              user.teams.map((t) => (
                <a key={t} className={chip} href={`/catalog/team/${t}`}>
                  {t}
                </a>
              ))
            ) : (
              <span className="text-sm text-slate-500">No team: no team entity names one of your groups.</span>
            )}
          </div>
        </Card>
        <Card title="Groups (from your identity provider)">
          <div>
            {user.groups.length > 0 ? (
              user.groups.map((g) => (
                <span key={g} className={chip}>
                  {g}
                </span>
              ))
            ) : (
              <span className="text-sm text-slate-500">none</span>
            )}
          </div>
        </Card>
      </div>
      <Card title="API tokens" className="mt-4">
        <p className="mb-3 text-sm text-slate-500">
          Send <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api/v1</code>. A token acts as you, limited to
          its scopes.
        </p>
        <TokenManager initial={tokens} />
      </Card>
    </>
  );
}
