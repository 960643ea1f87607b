-- Hand-written. Dev environments' time to live, portal notifications and Forgejo pull-request deliveries.
-- What the expiry job did for one expiry of one environment: 'warned' (owner told) and 'removed'.
-- The primary key is the claim: of two job instances racing, only one inserts and acts.
CREATE TABLE "dev_environment_events" (
	"environment" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dev_environment_events_environment_expires_at_kind_pk" PRIMARY KEY("environment","expires_at","kind")
);--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_email" text NOT NULL,
	"message" text NOT NULL,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);--> statement-breakpoint
CREATE INDEX "notifications_user_unread" ON "notifications" USING btree ("user_email","created_at") WHERE "read_at" IS NULL;--> statement-breakpoint
-- Forgejo webhook deliveries already handled (X-Gitea-Delivery / X-Forgejo-Delivery).
CREATE TABLE "forgejo_deliveries" (
	"delivery" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
-- Per pull request, the newest state applied: an older delivery arriving late changes nothing.
CREATE TABLE "pull_request_marks" (
	"repo" text NOT NULL,
	"number" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	CONSTRAINT "pull_request_marks_repo_number_pk" PRIMARY KEY("repo","number")
);
