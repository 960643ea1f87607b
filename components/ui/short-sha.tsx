/** A commit SHA as its first 7 characters; the full one on hover and for copy-paste via the title. */
export function ShortSha({ sha }: { sha: string | null | undefined }) {
  if (!sha) return <>—</>;
  return (
    <code title={sha} data-sha={sha} className="font-mono text-xs">
      {sha.length > 12 && /^[0-9a-f]+$/i.test(sha) ? sha.slice(0, 7) : sha}
    </code>
  );
}
