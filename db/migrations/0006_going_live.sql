CREATE TABLE "applicability_overrides" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_id" integer NOT NULL,
	"county_id" integer,
	"applies" boolean NOT NULL,
	"reason" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applicability_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"land" text NOT NULL,
	"county_kind" text NOT NULL,
	"topic" text NOT NULL,
	"ozg_ids" text[] NOT NULL,
	"applies" boolean NOT NULL,
	"legal_basis" text,
	"source" text,
	"is_assumption" boolean DEFAULT false NOT NULL,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applicability_rules_kind" CHECK ("applicability_rules"."county_kind" in ('landkreis', 'kreisfreie_stadt', 'region', 'gemeinde'))
);
--> statement-breakpoint
CREATE TABLE "county_contacts" (
	"id" serial PRIMARY KEY NOT NULL,
	"county_id" integer NOT NULL,
	"name" text NOT NULL,
	"role" text,
	"email" text,
	"phone" text,
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "county_memberships" (
	"id" serial PRIMARY KEY NOT NULL,
	"county_id" integer NOT NULL,
	"joined_on" date NOT NULL,
	"left_on" date,
	"joined_by" integer,
	"left_by" integer,
	CONSTRAINT "county_memberships_dates" CHECK ("county_memberships"."left_on" is null or "county_memberships"."left_on" >= "county_memberships"."joined_on")
);
--> statement-breakpoint
CREATE TABLE "county_register" (
	"ags" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"land" text NOT NULL,
	"kind" text,
	"population" integer,
	"wikidata" text,
	CONSTRAINT "county_register_ags_format" CHECK ("county_register"."ags" ~ '^[0-9]{5}$'),
	CONSTRAINT "county_register_kind" CHECK ("county_register"."kind" is null or "county_register"."kind" in ('landkreis', 'kreisfreie_stadt', 'region', 'gemeinde'))
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"role" text NOT NULL,
	"county_id" integer,
	"token_hash" text NOT NULL,
	"invited_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"user_id" integer,
	CONSTRAINT "invitations_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "invitations_role" CHECK ("invitations"."role" in ('viewer', 'editor', 'coordinator', 'admin')),
	CONSTRAINT "invitations_editor_has_county" CHECK ("invitations"."role" <> 'editor' or "invitations"."county_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "password_resets" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "password_resets_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "status_changes" DROP CONSTRAINT "status_changes_source";--> statement-breakpoint
ALTER TABLE "counties" ADD COLUMN "land" text;--> statement-breakpoint
ALTER TABLE "applicability_overrides" ADD CONSTRAINT "applicability_overrides_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applicability_overrides" ADD CONSTRAINT "applicability_overrides_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applicability_overrides" ADD CONSTRAINT "applicability_overrides_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applicability_rules" ADD CONSTRAINT "applicability_rules_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "county_contacts" ADD CONSTRAINT "county_contacts_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "county_contacts" ADD CONSTRAINT "county_contacts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "county_memberships" ADD CONSTRAINT "county_memberships_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "county_memberships" ADD CONSTRAINT "county_memberships_joined_by_users_id_fk" FOREIGN KEY ("joined_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "county_memberships" ADD CONSTRAINT "county_memberships_left_by_users_id_fk" FOREIGN KEY ("left_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "applicability_overrides_uq" ON "applicability_overrides" USING btree ("service_id",coalesce("county_id", 0));--> statement-breakpoint
CREATE UNIQUE INDEX "applicability_rules_uq" ON "applicability_rules" USING btree ("land","county_kind","topic");--> statement-breakpoint
CREATE INDEX "county_contacts_county_idx" ON "county_contacts" USING btree ("county_id");--> statement-breakpoint
CREATE UNIQUE INDEX "county_memberships_open_uq" ON "county_memberships" USING btree ("county_id") WHERE "county_memberships"."left_on" is null;--> statement-breakpoint
CREATE INDEX "county_memberships_county_idx" ON "county_memberships" USING btree ("county_id");--> statement-breakpoint
CREATE INDEX "invitations_email_idx" ON "invitations" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "password_resets_user_at_idx" ON "password_resets" USING btree ("user_id","created_at");--> statement-breakpoint
ALTER TABLE "status_changes" ADD CONSTRAINT "status_changes_source" CHECK ("status_changes"."source" in ('form', 'bulk', 'import', 'api', 'seed', 'catalogue', 'membership', 'applicability'));