-- Hand-written. The dashboards' rollup: one row per production-relevant fact (a deployment a run
-- finished, a health change ArgoCD reported), written in the same transaction as the fact itself,
-- so DORA and pipeline figures are index range scans over a period instead of scans of runs and
-- entity timelines. A deployment's `failed` and an incident's `recovery_ms` are filled in when the
-- later fact arrives (a rollback, a Degraded or Healthy state), so the metrics are plain aggregates.
-- version_commits caches the first app-repository commit of each released version.
CREATE TABLE "deployment_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"kind" text NOT NULL,
	"deployment" text NOT NULL,
	"service" text NOT NULL,
	"team" text,
	"environment" text NOT NULL,
	"version" text,
	"action" text,
	"status" text,
	"actor" text,
	"run_id" uuid,
	"failed" boolean DEFAULT false NOT NULL,
	"recovery_ms" bigint,
	CONSTRAINT "deployment_events_kind" CHECK ("deployment_events"."kind" in ('deploy', 'health'))
);
--> statement-breakpoint
CREATE INDEX "deployment_events_env_idx" ON "deployment_events" USING btree ("environment","kind","at");--> statement-breakpoint
CREATE INDEX "deployment_events_service_idx" ON "deployment_events" USING btree ("service","environment","at");--> statement-breakpoint
CREATE INDEX "deployment_events_team_idx" ON "deployment_events" USING btree ("team","kind","at");--> statement-breakpoint
CREATE INDEX "deployment_events_deployment_idx" ON "deployment_events" USING btree ("deployment","kind","at");--> statement-breakpoint
CREATE INDEX "deployment_events_at_idx" ON "deployment_events" USING btree ("kind","at");--> statement-breakpoint
CREATE TABLE "version_commits" (
	"service" text NOT NULL,
	"version" text NOT NULL,
	"first_commit_at" timestamp (3) with time zone,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "version_commits_pk" PRIMARY KEY("service","version")
);
--> statement-breakpoint
CREATE INDEX "runs_team_action_idx" ON "runs" USING btree ("team","action_id","created_at");--> statement-breakpoint
CREATE INDEX "runs_awaiting_idx" ON "runs" USING btree ("entity_identifier") WHERE "runs"."status" = 'awaiting_approval';
