CREATE TABLE "blueprints" (
	"identifier" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"icon" text DEFAULT 'box' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"schema" json NOT NULL,
	"relations" json DEFAULT '{}'::json NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entities" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"blueprint" text NOT NULL,
	"identifier" text NOT NULL,
	"title" text NOT NULL,
	"team" text,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', "identifier" || ' ' || "title" || ' ' || coalesce("team", '')) || jsonb_to_tsvector('simple', "properties", '["string"]')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entity_activity" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"actor" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entity_relations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_id" bigint NOT NULL,
	"name" text NOT NULL,
	"target_id" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "entities" ADD CONSTRAINT "entities_blueprint_blueprints_identifier_fk" FOREIGN KEY ("blueprint") REFERENCES "public"."blueprints"("identifier") ON DELETE restrict ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "entity_activity" ADD CONSTRAINT "entity_activity_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entity_relations" ADD CONSTRAINT "entity_relations_source_id_entities_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entity_relations" ADD CONSTRAINT "entity_relations_target_id_entities_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "entities_blueprint_identifier_key" ON "entities" USING btree ("blueprint","identifier");--> statement-breakpoint
CREATE INDEX "entities_blueprint_title_idx" ON "entities" USING btree ("blueprint","title","id");--> statement-breakpoint
CREATE INDEX "entities_blueprint_created_idx" ON "entities" USING btree ("blueprint","created_at","id");--> statement-breakpoint
CREATE INDEX "entities_team_idx" ON "entities" USING btree ("team");--> statement-breakpoint
CREATE INDEX "entities_search_idx" ON "entities" USING gin ("search");--> statement-breakpoint
CREATE INDEX "entities_properties_idx" ON "entities" USING gin ("properties" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "entity_activity_entity_idx" ON "entity_activity" USING btree ("entity_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "entity_relations_unique" ON "entity_relations" USING btree ("source_id","name","target_id");--> statement-breakpoint
CREATE INDEX "entity_relations_target_idx" ON "entity_relations" USING btree ("target_id","name");