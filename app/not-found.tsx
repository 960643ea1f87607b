import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg py-24 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-500">That blueprint or entity does not exist.</p>
      <Link className="mt-6 inline-block text-indigo-700 hover:underline" href="/">
        Back to the catalog
      </Link>
    </main>
  );
}
