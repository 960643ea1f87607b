-- Hand-written. A caller's run id (Port's context.runId) is scoped to the requester: another user's
-- delivery with the same id creates that user's own run instead of returning (and swallowing) theirs.
DROP INDEX "runs_external_key";--> statement-breakpoint
CREATE UNIQUE INDEX "runs_external_key" ON "runs" USING btree ("action_id","requested_by","external_id") WHERE "runs"."external_id" is not null;
--> statement-breakpoint
CREATE TABLE "revoked_sessions" (
	"session_id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
