CREATE TABLE "result_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"result_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"changes" jsonb
);
--> statement-breakpoint
CREATE TABLE "results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_org_id" uuid NOT NULL,
	"holder_org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"title_en" text,
	"abstract" text NOT NULL,
	"field" text NOT NULL,
	"ip_type" text NOT NULL,
	"patent_no" text,
	"transfer_modes" text[] NOT NULL,
	"price" numeric(14, 2),
	"maturity" text NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"inventors" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"indexed_version" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "results_kind_check" CHECK ("results"."kind" in ('patent','result')),
	CONSTRAINT "results_field_check" CHECK ("results"."field" in ('new_materials','electronic_information','optomechatronics','resources_environment_energy','biomedicine','agriculture')),
	CONSTRAINT "results_ip_type_check" CHECK ("results"."ip_type" in ('invention_patent','utility_model','design','software_copyright','know_how','plant_variety')),
	CONSTRAINT "results_maturity_check" CHECK ("results"."maturity" in ('lab','pilot_small','pilot','industrial')),
	CONSTRAINT "results_status_check" CHECK ("results"."status" in ('draft','published','withdrawn')),
	CONSTRAINT "results_transfer_modes_check" CHECK (cardinality("results"."transfer_modes") > 0 and "results"."transfer_modes" <@ array['transfer','license','equity','joint_development']::text[]),
	CONSTRAINT "results_patent_no_check" CHECK ("results"."patent_no" is null or "results"."patent_no" ~ '^ZL[0-9]{12}\.[0-9X]$'),
	CONSTRAINT "results_patent_needs_no" CHECK ("results"."kind" <> 'patent' or "results"."patent_no" is not null),
	CONSTRAINT "results_price_check" CHECK ("results"."price" is null or "results"."price" >= 0)
);
--> statement-breakpoint
CREATE TABLE "search_synonyms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"terms" text[] NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "result_events" ADD CONSTRAINT "result_events_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_events" ADD CONSTRAINT "result_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_owner_org_id_organizations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_holder_org_id_organizations_id_fk" FOREIGN KEY ("holder_org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_synonyms" ADD CONSTRAINT "search_synonyms_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "result_events_result_idx" ON "result_events" USING btree ("result_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "results_patent_no_active_key" ON "results" USING btree ("patent_no") WHERE "results"."patent_no" is not null and "results"."status" <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "results_owner_idx" ON "results" USING btree ("owner_org_id","updated_at");--> statement-breakpoint
CREATE INDEX "results_holder_idx" ON "results" USING btree ("holder_org_id","status");--> statement-breakpoint
CREATE INDEX "results_status_idx" ON "results" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "results_unindexed_idx" ON "results" USING btree ("id") WHERE "results"."indexed_version" < "results"."version";