CREATE TABLE "status_events" (
	"key" text PRIMARY KEY NOT NULL,
	"entity" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_marks" (
	"blueprint" text NOT NULL,
	"identifier" text NOT NULL,
	"observed_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "status_marks_blueprint_identifier_pk" PRIMARY KEY("blueprint","identifier")
);
