-- Hand-written. What approvers are shown before a run executes (the pull request opened at request
-- time, the versions and the overlay compared), and the change ticket the run was approved under.
ALTER TABLE "runs" ADD COLUMN "proposal" jsonb;
--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "change_ticket" text;
