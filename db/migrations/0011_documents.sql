CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_org_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "documents_subject_type_check" CHECK ("documents"."subject_type" in ('result','contract','grant')),
	CONSTRAINT "documents_purpose_check" CHECK ("documents"."purpose" in ('brochure','image','signed_contract','bank_certificate')),
	CONSTRAINT "documents_purpose_subject_check" CHECK (("documents"."purpose" in ('brochure','image')) = ("documents"."subject_type" = 'result') and ("documents"."purpose" = 'signed_contract') = ("documents"."subject_type" = 'contract') and ("documents"."purpose" = 'bank_certificate') = ("documents"."subject_type" = 'grant')),
	CONSTRAINT "documents_content_type_check" CHECK ("documents"."content_type" in ('application/pdf','image/jpeg','image/png','image/webp')),
	CONSTRAINT "documents_size_check" CHECK ("documents"."size_bytes" > 0 and "documents"."size_bytes" <= 20971520),
	CONSTRAINT "documents_sha256_check" CHECK ("documents"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "documents_file_name_check" CHECK (length("documents"."file_name") between 1 and 120 and "documents"."file_name" !~ '[/\\[:cntrl:]]' and position('..' in "documents"."file_name") = 0)
);
--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_owner_org_id_organizations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "documents_storage_key_key" ON "documents" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "documents_subject_idx" ON "documents" USING btree ("subject_type","subject_id","purpose") WHERE "documents"."deleted_at" is null;
