-- Fixed-window request counters shared by every web process (app/lib/rate-limit.server.ts).
CREATE TABLE "rate_limit_counters" (
	"bucket" text NOT NULL,
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limit_counters_pkey" PRIMARY KEY("bucket","key","window_start"),
	CONSTRAINT "rate_limit_counters_hits_check" CHECK ("hits" >= 0)
);
--> statement-breakpoint
CREATE INDEX "rate_limit_counters_window_idx" ON "rate_limit_counters" USING btree ("bucket","window_start");
