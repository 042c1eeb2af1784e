CREATE TABLE "agency_filings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_org_id" uuid NOT NULL,
	"level" text NOT NULL,
	"filed_on" date NOT NULL,
	"newly_recognized" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_filings_level_check" CHECK ("agency_filings"."level" in ('national','provincial','municipal'))
);
--> statement-breakpoint
CREATE TABLE "grant_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"policy_id" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"delta" numeric(14, 2) NOT NULL,
	"contracts" jsonb NOT NULL,
	"explanation" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_budgets" (
	"year" integer PRIMARY KEY NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clause" text NOT NULL,
	"recipient_org_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"policy_id" text NOT NULL,
	"basis" text NOT NULL,
	"base" numeric(14, 2) NOT NULL,
	"rate" numeric(9, 6) NOT NULL,
	"cap" numeric(14, 2) NOT NULL,
	"raw_amount" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"contracts" jsonb NOT NULL,
	"explanation" jsonb NOT NULL,
	"status" text DEFAULT 'computed' NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"computations" integer DEFAULT 1 NOT NULL,
	"applied_by" uuid,
	"applied_at" timestamp with time zone,
	"bank_account" text,
	"bank_confirmed_at" timestamp with time zone,
	"approved_amount" numeric(14, 2),
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"decision_reason" text,
	"paid_by" uuid,
	"paid_at" timestamp with time zone,
	"payment_reference" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grants_status_check" CHECK ("grants"."status" in ('computed','submitted','approved','rejected','paid')),
	CONSTRAINT "grants_amount_check" CHECK ("grants"."amount" >= 0 and "grants"."amount" <= "grants"."cap"),
	CONSTRAINT "grants_approved_check" CHECK ("grants"."approved_amount" is null or ("grants"."approved_amount" >= 0 and "grants"."approved_amount" <= "grants"."amount")),
	CONSTRAINT "grants_four_eyes" CHECK ("grants"."paid_by" is null or "grants"."approved_by" is null or "grants"."paid_by" <> "grants"."approved_by")
);
--> statement-breakpoint
CREATE TABLE "policies" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"effective_from" date NOT NULL,
	"withdrawn_on" date,
	"body" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "worker_heartbeats" (
	"worker_id" text PRIMARY KEY NOT NULL,
	"pid" integer NOT NULL,
	"last_seen" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agency_filings" ADD CONSTRAINT "agency_filings_agency_org_id_organizations_id_fk" FOREIGN KEY ("agency_org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_filings" ADD CONSTRAINT "agency_filings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_adjustments" ADD CONSTRAINT "grant_adjustments_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_budgets" ADD CONSTRAINT "grant_budgets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_recipient_org_id_organizations_id_fk" FOREIGN KEY ("recipient_org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_applied_by_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_paid_by_users_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agency_filings_agency_idx" ON "agency_filings" USING btree ("agency_org_id");--> statement-breakpoint
CREATE INDEX "grant_adjustments_grant_idx" ON "grant_adjustments" USING btree ("grant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "grants_key" ON "grants" USING btree ("clause","recipient_org_id","year");--> statement-breakpoint
CREATE INDEX "grants_review_idx" ON "grants" USING btree ("year","status","clause");--> statement-breakpoint
CREATE INDEX "grants_recipient_idx" ON "grants" USING btree ("recipient_org_id","year");--> statement-breakpoint
-- The policy version the platform starts with (domain/grants/policy.ts LC_2020_15).
INSERT INTO "policies" ("id", "title", "effective_from", "withdrawn_on", "body") VALUES ('lc-2020-15', '聊城市人民政府关于推进创新型城市建设若干措施的通知（聊政字〔2020〕15号）', '2020-01-01', NULL, '{"id":"lc-2020-15","title":"聊城市人民政府关于推进创新型城市建设若干措施的通知（聊政字〔2020〕15号）","effectiveFrom":"2020-01-01","withdrawnOn":null,"localRegionPrefix":"3715","rounding":{"mode":"down","decimals":2},"applicationRequired":true,"licencesInValueAddedChain":false,"clauses":{"A1":{"kinds":["development","transfer"],"basis":"contractAmount","rate":"0.015","maxRate":"0.015","cap":"500000.00"},"A2":{"kinds":["consulting","service"],"basis":"contractAmount","rate":"0.001","maxRate":"0.001","cap":"200000.00"},"B1":{"filingLevel":"national","newlyRecognizedOnly":true,"maxAmount":"1000000.00"},"B2":{"filingLevel":"provincial","newlyRecognizedOnly":false,"maxAmount":"500000.00"},"B3":{"kinds":["development","transfer","consulting","service"],"basis":"contractAmount","rate":"0.015","maxRate":"0.015","cap":"500000.00","filingLevel":"municipal","threshold":"3000000.00"}}}'::jsonb) ON CONFLICT ("id") DO NOTHING;
