CREATE TABLE "commissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"agency_org_id" uuid NOT NULL,
	"registration_no" text NOT NULL,
	"year" integer NOT NULL,
	"base" numeric(14, 2) NOT NULL,
	"rate" numeric(9, 6),
	"amount" numeric(14, 2) NOT NULL,
	"due_amount" numeric(14, 2) DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'accrued' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commissions_status_check" CHECK ("commissions"."status" in ('accrued','invoiced','paid','cancelled','refund_due')),
	CONSTRAINT "commissions_amount_check" CHECK ("commissions"."amount" >= 0 and "commissions"."due_amount" >= 0 and "commissions"."due_amount" <= "commissions"."amount")
);
--> statement-breakpoint
CREATE TABLE "contract_instalments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"due_on" date NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"paid_at" timestamp with time zone,
	CONSTRAINT "contract_instalments_amount_positive" CHECK ("contract_instalments"."amount" > 0),
	CONSTRAINT "contract_instalments_status_check" CHECK ("contract_instalments"."status" in ('pending','paid','reversed'))
);
--> statement-breakpoint
CREATE TABLE "contract_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"registration_no" text NOT NULL,
	"registered_on" date NOT NULL,
	"registered_by" uuid,
	"kind" text NOT NULL,
	"licence" boolean NOT NULL,
	"seller_org_id" uuid NOT NULL,
	"buyer_org_id" uuid NOT NULL,
	"broker_org_id" uuid,
	"result_id" uuid,
	"amount" numeric(14, 2) NOT NULL,
	"technology_amount" numeric(14, 2),
	"signed_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"licence" boolean DEFAULT false NOT NULL,
	"title" text NOT NULL,
	"seller_org_id" uuid NOT NULL,
	"buyer_org_id" uuid NOT NULL,
	"broker_org_id" uuid,
	"result_id" uuid,
	"amount" numeric(14, 2) NOT NULL,
	"technology_amount" numeric(14, 2),
	"signed_on" date NOT NULL,
	"commission_rate" numeric(9, 6),
	"commission_fixed" numeric(14, 2),
	"status" text DEFAULT 'draft' NOT NULL,
	"seller_confirmed_at" timestamp with time zone,
	"buyer_confirmed_at" timestamp with time zone,
	"registration_no" text,
	"registered_on" date,
	"status_reason" text,
	"amends_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contracts_kind_check" CHECK ("contracts"."kind" in ('development','transfer','consulting','service')),
	CONSTRAINT "contracts_status_check" CHECK ("contracts"."status" in ('draft','submitted','returned','registered','revoked','terminated')),
	CONSTRAINT "contracts_amount_positive" CHECK ("contracts"."amount" > 0),
	CONSTRAINT "contracts_technology_amount" CHECK ("contracts"."technology_amount" is null or ("contracts"."technology_amount" >= 0 and "contracts"."technology_amount" <= "contracts"."amount")),
	CONSTRAINT "contracts_parties_differ" CHECK ("contracts"."seller_org_id" <> "contracts"."buyer_org_id"),
	CONSTRAINT "contracts_broker_not_party" CHECK ("contracts"."broker_org_id" is null or ("contracts"."broker_org_id" <> "contracts"."seller_org_id" and "contracts"."broker_org_id" <> "contracts"."buyer_org_id")),
	CONSTRAINT "contracts_transfer_has_result" CHECK ("contracts"."kind" <> 'transfer' or "contracts"."result_id" is not null),
	CONSTRAINT "contracts_licence_is_transfer" CHECK (not "contracts"."licence" or "contracts"."kind" = 'transfer'),
	CONSTRAINT "contracts_commission_one_form" CHECK ("contracts"."commission_rate" is null or "contracts"."commission_fixed" is null),
	CONSTRAINT "contracts_commission_rate_range" CHECK ("contracts"."commission_rate" is null or ("contracts"."commission_rate" >= 0 and "contracts"."commission_rate" <= 1)),
	CONSTRAINT "contracts_commission_needs_broker" CHECK (("contracts"."commission_rate" is null and "contracts"."commission_fixed" is null) or "contracts"."broker_org_id" is not null),
	CONSTRAINT "contracts_registered_has_number" CHECK ("contracts"."status" not in ('registered','revoked','terminated') or "contracts"."registration_no" is not null)
);
--> statement-breakpoint
CREATE TABLE "registration_sequences" (
	"year" integer NOT NULL,
	"region_code" text NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "registration_sequences_pkey" PRIMARY KEY("year","region_code")
);
--> statement-breakpoint
ALTER TABLE "commissions" ADD CONSTRAINT "commissions_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissions" ADD CONSTRAINT "commissions_agency_org_id_organizations_id_fk" FOREIGN KEY ("agency_org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_instalments" ADD CONSTRAINT "contract_instalments_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_registrations" ADD CONSTRAINT "contract_registrations_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_registrations" ADD CONSTRAINT "contract_registrations_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_seller_org_id_organizations_id_fk" FOREIGN KEY ("seller_org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_buyer_org_id_organizations_id_fk" FOREIGN KEY ("buyer_org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_broker_org_id_organizations_id_fk" FOREIGN KEY ("broker_org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "commissions_contract_key" ON "commissions" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "commissions_agency_idx" ON "commissions" USING btree ("agency_org_id","year","status");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_instalments_seq_key" ON "contract_instalments" USING btree ("contract_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_registrations_no_key" ON "contract_registrations" USING btree ("registration_no");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_registrations_contract_key" ON "contract_registrations" USING btree ("contract_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_registration_no_key" ON "contracts" USING btree ("registration_no");--> statement-breakpoint
CREATE INDEX "contracts_seller_idx" ON "contracts" USING btree ("seller_org_id","status");--> statement-breakpoint
CREATE INDEX "contracts_buyer_idx" ON "contracts" USING btree ("buyer_org_id","status");--> statement-breakpoint
CREATE INDEX "contracts_broker_idx" ON "contracts" USING btree ("broker_org_id","status");--> statement-breakpoint
CREATE INDEX "contracts_status_idx" ON "contracts" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "contracts_result_idx" ON "contracts" USING btree ("result_id");