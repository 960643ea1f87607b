import Link from "next/link";
import { headers } from "next/headers";
import { findBlueprint } from "@/lib/catalog/blueprints";
import { REQUEST_PATH_HEADER } from "@/lib/http/request-path";
import { blueprintInPath, describeMissing } from "./describe-missing";

/** The body of a 404: what was asked for and was not found, with the way back to its list. */
export async function NotFoundMessage() {
  const path = (await headers()).get(REQUEST_PATH_HEADER) ?? "";
  const bp = blueprintInPath(path);
  const title = bp === undefined ? undefined : ((await findBlueprint(bp))?.title ?? null);
  const missing = describeMissing(path, title);
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-2xl font-semibold">{missing.title}</h1>
      <p className="mt-2 text-slate-600" data-testid="not-found-message">
        {missing.message}
      </p>
      <Link className="mt-6 inline-block text-indigo-700 hover:underline" href={missing.back.href}>
        {missing.back.label}
      </Link>
    </div>
  );
}
