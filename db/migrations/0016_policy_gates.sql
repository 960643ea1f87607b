-- Hand-written. Policy gates: what the Kyverno policies said of the rendered target overlay when a
-- run into a gated environment was requested, and an admin's override with its reason.
CREATE TABLE "run_gates" (
	"run_id" uuid PRIMARY KEY NOT NULL REFERENCES "runs"("id") ON DELETE CASCADE,
	"environment" text NOT NULL,
	"checks" jsonb NOT NULL,
	"failing" integer NOT NULL,
	"evaluated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"override_by" text,
	"override_reason" text,
	"override_at" timestamp with time zone
);
