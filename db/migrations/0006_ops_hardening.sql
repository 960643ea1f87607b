-- Hand-written. A caller's run id (Port's context.runId) is scoped to the requester: another user's
-- delivery with the same id creates that user's own run instead of returning (and swallowing) theirs.
DROP INDEX "runs_external_key";--> statement-breakpoint
CREATE UNIQUE INDEX "runs_external_key" ON "runs" USING btree ("action_id","requested_by","external_id") WHERE "runs"."external_id" is not null;
--> statement-breakpoint
CREATE TABLE "revoked_sessions" (
	"session_id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_head" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"rows" bigint NOT NULL,
	"last_id" bigint NOT NULL,
	"hash" text NOT NULL,
	"signature" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_head_single_row" CHECK ("audit_head"."id" = 1)
);
