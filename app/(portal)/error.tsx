"use client";
import Link from "next/link";
import { buttonClass, secondaryButtonClass } from "@/components/ui/page-header";

// Unexpected failures only: bad links and missing things have their own messages (UrlProblem, not-found).
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-2xl font-semibold">This page failed to load</h1>
      <p className="mt-2 text-slate-600">
        Something went wrong on our side; trying again often helps. If it keeps failing, give the administrators this
        reference{error.digest ? `: ${error.digest}` : "."}
      </p>
      <div className="mt-6 flex justify-center gap-2">
        <button type="button" className={buttonClass} onClick={reset}>
          Try again
        </button>
        <Link className={secondaryButtonClass} href="/">
          Back to the catalog
        </Link>
      </div>
    </div>
  );
}
