import Link from "next/link";
import { secondaryButtonClass } from "@/components/ui/page-header";

// Keyset pagination only moves forward; "first page" drops the cursor.
export function Pager({
  base,
  params,
  nextCursor,
  hasCursor,
}: {
  base: string;
  params: URLSearchParams;
  nextCursor: string | null;
  hasCursor: boolean;
}) {
  const first = new URLSearchParams(params);
  first.delete("cursor");
  const next = new URLSearchParams(params);
  if (nextCursor) next.set("cursor", nextCursor);
  return (
    <div className="mt-4 flex gap-2">
      {hasCursor ? (
        <Link className={secondaryButtonClass} href={`${base}?${first}`}>
          First page
        </Link>
      ) : null}
      {nextCursor ? (
        <Link className={secondaryButtonClass} href={`${base}?${next}`}>
          Next page
        </Link>
      ) : null}
    </div>
  );
}
