import { PolicyManager } from "@/components/admin/policy-manager";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { authorizePage } from "@/lib/auth/page-user";
import { getPolicyList } from "@/lib/policies/policy-admin";

export default async function PoliciesPage() {
  const { user, denied } = await authorizePage("update", { kind: "policy" });
  if (denied) return <Forbidden reason={denied} />;
  const policies = await getPolicyList(user, () => {});
  return (
    <>
      <PageHeader
        title="Policies"
        subtitle={
          <>
            Kyverno ClusterPolicies in the GitOps repository&apos;s <code>policies/</code>, checked on the rendered
            manifests of every promotion, rollback and scale into a gated environment before anyone approves it.
          </>
        }
      />
      <PolicyManager initial={policies} />
    </>
  );
}
