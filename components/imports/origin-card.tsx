import { Card } from "@/components/ui/page-header";
import { ownedReason } from "@/lib/imports/owned-fields";
import type { Origin } from "@/lib/imports/origins";

/** "title, team; properties language, port; relations service" */
function describeOwned(fields: string[]): string {
  const of = (prefix: string) => fields.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
  const own = fields.filter((f) => !f.includes("."));
  return [
    own.join(", "),
    of("properties.").length > 0 ? `properties ${of("properties.").join(", ")}` : "",
    of("relations.").length > 0 ? `relations ${of("relations.").join(", ")}` : "",
  ]
    .filter(Boolean)
    .join("; ");
}

/** Where an imported entity came from, and which of its fields are read-only here and why. */
export function OriginCard({ origin }: { origin: Origin }) {
  return (
    <Card title="Imported" className="mb-4">
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]" data-testid="origin">
        <dt className="text-slate-500">Source</dt>
        <dd>{origin.source}</dd>
        <dt className="text-slate-500">Object</dt>
        <dd className="min-w-0 break-all font-mono text-xs">{origin.object}</dd>
        {origin.revision ? (
          <>
            <dt className="text-slate-500">Revision</dt>
            <dd className="min-w-0 break-all font-mono text-xs">{origin.revision}</dd>
          </>
        ) : null}
        <dt className="text-slate-500">Imported</dt>
        <dd>{origin.importedAt.replace("T", " ").slice(0, 19)}</dd>
        {origin.missingAt ? (
          <>
            <dt className="text-slate-500">Missing</dt>
            <dd className="text-amber-700">
              since {origin.missingAt.replace("T", " ").slice(0, 19)}: the source no longer has it (kept, not deleted)
            </dd>
          </>
        ) : null}
        <dt className="text-slate-500">Read-only here</dt>
        <dd className="min-w-0 break-words">
          {describeOwned(origin.ownedFields)}
          <p className="text-xs text-slate-500">{ownedReason(origin)}.</p>
        </dd>
      </dl>
    </Card>
  );
}
