import Link from "next/link";
import { secondaryButtonClass } from "@/components/ui/page-header";

/**
 * A link to an action's form, or the same label disabled with the reason it cannot be used, so
 * nobody follows a link to a bare "Not allowed".
 */
export function ActionButton({
  label,
  href,
  disabledReason,
  testId,
}: {
  label: string;
  href: string;
  disabledReason: string | null;
  testId?: string;
}) {
  if (disabledReason === null)
    return (
      <Link className={`${secondaryButtonClass} px-2 py-1 text-xs`} href={href} data-testid={testId}>
        {label}
      </Link>
    );
  return (
    <button
      type="button"
      disabled
      title={disabledReason}
      aria-label={`${label} (unavailable: ${disabledReason})`}
      data-testid={testId}
      data-disabled-reason={disabledReason}
      className={`${secondaryButtonClass} cursor-not-allowed px-2 py-1 text-xs opacity-50`}
    >
      {label}
    </button>
  );
}
