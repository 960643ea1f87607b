-- Hand-written. Entities that come from outside Slipway (ArgoCD Applications, Backstage descriptors in
-- Forgejo repositories, Port JSON) remember where they came from, so a re-import updates rather than
-- duplicates, the portal can say which fields the source owns, and a second source claiming the same
-- entity is reported instead of silently winning.
CREATE TABLE "entity_origins" (
  "entity_id" bigint PRIMARY KEY NOT NULL REFERENCES "entities"("id") ON DELETE CASCADE,
  "source" text NOT NULL,
  "object" text NOT NULL,
  "revision" text,
  "owned_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
  "imported_at" timestamp with time zone DEFAULT now() NOT NULL,
  "missing_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "entity_origins_source_idx" ON "entity_origins" ("source", "object");
--> statement-breakpoint
CREATE TABLE "import_runs" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "source" text NOT NULL,
  "trigger" text NOT NULL,
  "status" text NOT NULL,
  "total" integer DEFAULT 0 NOT NULL,
  "processed" integer DEFAULT 0 NOT NULL,
  "created" integer DEFAULT 0 NOT NULL,
  "updated" integer DEFAULT 0 NOT NULL,
  "unchanged" integer DEFAULT 0 NOT NULL,
  "failed" integer DEFAULT 0 NOT NULL,
  "missing" integer DEFAULT 0 NOT NULL,
  "failures" jsonb DEFAULT '[]'::jsonb NOT NULL,
  "started_at" timestamp with time zone DEFAULT now() NOT NULL,
  "finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "import_runs_started_idx" ON "import_runs" ("started_at");
--> statement-breakpoint
CREATE TABLE "import_conflicts" (
  "id" bigserial PRIMARY KEY NOT NULL,
  "blueprint" text NOT NULL,
  "identifier" text NOT NULL,
  "owner_source" text NOT NULL,
  "owner_object" text NOT NULL,
  "claimant_source" text NOT NULL,
  "claimant_object" text NOT NULL,
  "detected_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "import_conflicts_unique" ON "import_conflicts" ("blueprint", "identifier", "claimant_source", "claimant_object");
