CREATE TABLE "search_index_state" (
	"name" text PRIMARY KEY NOT NULL,
	"settings_hash" text NOT NULL,
	"documents" integer DEFAULT 0 NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
