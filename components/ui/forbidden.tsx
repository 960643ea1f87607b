import Link from "next/link";
import { Card, PageHeader } from "./page-header";

/** What a page shows instead of itself when the signed-in user may not use it. */
export function Forbidden({ reason }: { reason: string }) {
  return (
    <>
      <PageHeader title="Not allowed" />
      <Card>
        <p role="alert" className="text-sm text-slate-700">
          {reason}.
        </p>
        <p className="mt-2 text-sm text-slate-500">
          Your roles and teams come from your identity provider groups; see{" "}
          <Link className="text-indigo-700 hover:underline" href="/me">
            your profile
          </Link>
          .
        </p>
      </Card>
    </>
  );
}
