-- Least privilege for the bureau's staff (issue 16): each bureau user holds one or more bureau
-- roles; organisation users hold none. Existing bureau users keep what they could do: every role.
ALTER TABLE "users" ADD COLUMN "bureau_roles" text[] DEFAULT '{}'::text[] NOT NULL;
--> statement-breakpoint
UPDATE "users" SET "bureau_roles" = '{registrar,reviewer,payer,admin}'::text[] WHERE "role" = 'bureau';
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_bureau_roles_check" CHECK ("users"."bureau_roles" <@ ARRAY['registrar','reviewer','payer','admin']::text[] AND ("users"."role" = 'bureau') = (cardinality("users"."bureau_roles") > 0));
--> statement-breakpoint
-- The first characters of an API token, so its owner can tell tokens apart on /account/tokens.
ALTER TABLE "api_tokens" ADD COLUMN "prefix" text DEFAULT '' NOT NULL;
