ALTER TABLE "entities" drop column "search";--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', "identifier" || ' ' || translate("identifier", '-_.', '   ') || ' ' || "title" || ' ' || coalesce("team", '')) || jsonb_to_tsvector('simple', "properties", '["string"]')) STORED;--> statement-breakpoint
CREATE INDEX "entities_search_idx" ON "entities" USING gin ("search");
