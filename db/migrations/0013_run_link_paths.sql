-- Run links into the portal's own sandbox git view were stored as absolute URLs
-- (http://localhost:3999/sandbox/git/...) and opened the sign-in page under another host name:
-- keep only their path, as new links are stored.
UPDATE "runs" SET "links" = (
  SELECT coalesce(jsonb_agg(
    CASE WHEN l->>'url' ~ '^https?://[^/]+/sandbox/git/'
      THEN jsonb_set(l, '{url}', to_jsonb(regexp_replace(l->>'url', '^https?://[^/]+', '')))
      ELSE l END ORDER BY n), '[]'::jsonb)
  FROM jsonb_array_elements("links") WITH ORDINALITY AS t(l, n)
)
WHERE "links"::text ~ 'https?://[^/"]+/sandbox/git/';
