-- Hand-written. Staleness is judged within one sender's own sequence (the Application that
-- reported): two senders' clocks never make each other's events look stale.
ALTER TABLE "status_marks" ADD COLUMN "sender" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "status_marks" DROP CONSTRAINT "status_marks_blueprint_identifier_pk";--> statement-breakpoint
ALTER TABLE "status_marks" ADD CONSTRAINT "status_marks_blueprint_identifier_sender_pk" PRIMARY KEY("blueprint","identifier","sender");
