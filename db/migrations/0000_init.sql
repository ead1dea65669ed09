CREATE TABLE "api_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "counties" (
	"id" serial PRIMARY KEY NOT NULL,
	"ags" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"population" integer,
	"wikidata" text,
	"is_member" boolean DEFAULT true NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "counties_ags_unique" UNIQUE("ags"),
	CONSTRAINT "counties_ags_format" CHECK ("counties"."ags" ~ '^([0-9]{5}|[0-9]{8})$'),
	CONSTRAINT "counties_kind" CHECK ("counties"."kind" in ('landkreis', 'kreisfreie_stadt', 'region', 'gemeinde'))
);
--> statement-breakpoint
CREATE TABLE "county_basic_components" (
	"county_id" integer NOT NULL,
	"component" text NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"provider" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	CONSTRAINT "county_basic_components_county_id_component_pk" PRIMARY KEY("county_id","component"),
	CONSTRAINT "county_basic_components_component" CHECK ("county_basic_components"."component" in ('epayment', 'servicekonto', 'postfach', 'xta_osci', 'fit_connect', 'eakte')),
	CONSTRAINT "county_basic_components_status" CHECK ("county_basic_components"."status" in ('not_started', 'planned', 'in_progress', 'live'))
);
--> statement-breakpoint
CREATE TABLE "fachverfahren" (
	"id" serial PRIMARY KEY NOT NULL,
	"vendor_id" integer NOT NULL,
	"name" text NOT NULL,
	"interface_standards" text,
	"note" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leika_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_id" integer NOT NULL,
	"key" text,
	"name" text NOT NULL,
	"leika_type" text,
	"legal_basis" text,
	CONSTRAINT "leika_key_format" CHECK ("leika_entries"."key" is null or "leika_entries"."key" ~ '^99[0-9]{12}$')
);
--> statement-breakpoint
CREATE TABLE "life_situations" (
	"id" integer PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"theme_id" integer NOT NULL,
	CONSTRAINT "life_situations_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"address" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"notes" text,
	"covers_from" date,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "online_service_services" (
	"online_service_id" integer NOT NULL,
	"service_id" integer NOT NULL,
	CONSTRAINT "online_service_services_online_service_id_service_id_pk" PRIMARY KEY("online_service_id","service_id")
);
--> statement-breakpoint
CREATE TABLE "online_services" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"provider" text,
	"lead_county_id" integer,
	"operator" text,
	"availability" text DEFAULT 'available' NOT NULL,
	"maturity" integer,
	"maturity_model" text DEFAULT '1.1' NOT NULL,
	"url" text,
	"marketplace_url" text,
	"fee_one_off" numeric(12, 2),
	"fee_annual" numeric(12, 2),
	"fee_note" text,
	"interface_standards" text,
	"description" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "online_services_name_unique" UNIQUE("name"),
	CONSTRAINT "online_services_kind" CHECK ("online_services"."kind" in ('efa', 'community', 'product', 'own')),
	CONSTRAINT "online_services_availability" CHECK ("online_services"."availability" in ('planned', 'in_development', 'available', 'retired')),
	CONSTRAINT "online_services_maturity_model" CHECK ("online_services"."maturity_model" in ('1.1', '2.0')),
	CONSTRAINT "online_services_maturity_range" CHECK ("online_services"."maturity" is null or ("online_services"."maturity" >= 0 and "online_services"."maturity" <= case "online_services"."maturity_model" when '2.0' then 7 else 4 end)),
	CONSTRAINT "online_services_fees" CHECK (coalesce("online_services"."fee_one_off", 0) >= 0 and coalesce("online_services"."fee_annual", 0) >= 0),
	CONSTRAINT "online_services_community_lead" CHECK ("online_services"."kind" <> 'community' or "online_services"."lead_county_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" serial PRIMARY KEY NOT NULL,
	"ozg_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"theme_id" integer NOT NULL,
	"life_situation_id" integer,
	"responsibilities" text[] DEFAULT '{}'::text[] NOT NULL,
	"applies_to" text[] DEFAULT '{}'::text[] NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "services_ozg_id_unique" UNIQUE("ozg_id"),
	CONSTRAINT "services_ozg_id_format" CHECK ("services"."ozg_id" ~ '^[0-9]{5}$')
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"status_id" integer NOT NULL,
	"county_id" integer NOT NULL,
	"service_id" integer NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changed_by" integer,
	"changes" jsonb NOT NULL,
	"comment" text,
	"source" text DEFAULT 'form' NOT NULL,
	CONSTRAINT "status_changes_source" CHECK ("status_changes"."source" in ('form', 'bulk', 'import', 'api', 'seed', 'catalogue'))
);
--> statement-breakpoint
CREATE TABLE "statuses" (
	"id" serial PRIMARY KEY NOT NULL,
	"county_id" integer NOT NULL,
	"service_id" integer NOT NULL,
	"approach" text DEFAULT 'pending' NOT NULL,
	"pending_plan" text,
	"online_service_id" integer,
	"connection" text,
	"stage" text DEFAULT 'planned' NOT NULL,
	"maturity" integer,
	"maturity_model" text DEFAULT '1.1' NOT NULL,
	"online_since" date,
	"target_date" date,
	"fachverfahren_id" integer,
	"interface_standard" text,
	"interface_status" text,
	"end_to_end" boolean,
	"internal_processing" text,
	"funding" text,
	"cost_one_off" numeric(12, 2),
	"cost_annual" numeric(12, 2),
	"funding_note" text,
	"applications_per_year" integer,
	"contact" text,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"confirmed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "statuses_approach" CHECK ("statuses"."approach" in ('pending', 'own', 'efa', 'not_applicable')),
	CONSTRAINT "statuses_stage" CHECK ("statuses"."stage" in ('planned', 'in_progress', 'partially_online', 'online')),
	CONSTRAINT "statuses_pending_plan" CHECK ("statuses"."pending_plan" is null or ("statuses"."pending_plan" in ('undecided', 'awaiting_efa', 'planned_own') and "statuses"."approach" = 'pending')),
	CONSTRAINT "statuses_connection" CHECK ("statuses"."connection" is null or ("statuses"."connection" in ('interest', 'agreement', 'connecting', 'live') and "statuses"."online_service_id" is not null)),
	CONSTRAINT "statuses_interface_status" CHECK ("statuses"."interface_status" is null or "statuses"."interface_status" in ('not_needed', 'none', 'negotiating', 'in_development', 'testing', 'live')),
	CONSTRAINT "statuses_internal_processing" CHECK ("statuses"."internal_processing" is null or "statuses"."internal_processing" in ('manual', 'rpa', 'interface')),
	CONSTRAINT "statuses_funding" CHECK ("statuses"."funding" is null or "statuses"."funding" in ('own_budget', 'efa_fee', 'state_programme', 'federal_programme', 'community_shared', 'unclear')),
	CONSTRAINT "statuses_maturity_model" CHECK ("statuses"."maturity_model" in ('1.1', '2.0')),
	CONSTRAINT "statuses_maturity_range" CHECK ("statuses"."maturity" is null or ("statuses"."maturity" >= 0 and "statuses"."maturity" <= case "statuses"."maturity_model" when '2.0' then 7 else 4 end)),
	CONSTRAINT "statuses_stage_fits_approach" CHECK (("statuses"."approach" in ('own', 'efa') or "statuses"."stage" not in ('partially_online', 'online')) and ("statuses"."approach" <> 'pending' or "statuses"."stage" = 'planned')),
	CONSTRAINT "statuses_amounts" CHECK (coalesce("statuses"."cost_one_off", 0) >= 0 and coalesce("statuses"."cost_annual", 0) >= 0 and coalesce("statuses"."applications_per_year", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "themes" (
	"id" integer PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "themes_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"county_id" integer,
	"is_active" boolean DEFAULT true NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role" CHECK ("users"."role" in ('viewer', 'editor', 'coordinator', 'admin')),
	CONSTRAINT "users_editor_has_county" CHECK ("users"."role" <> 'editor' or "users"."county_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "vendors" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"website" text,
	"note" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendors_name_unique" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "county_basic_components" ADD CONSTRAINT "county_basic_components_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "county_basic_components" ADD CONSTRAINT "county_basic_components_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fachverfahren" ADD CONSTRAINT "fachverfahren_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leika_entries" ADD CONSTRAINT "leika_entries_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "life_situations" ADD CONSTRAINT "life_situations_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "online_service_services" ADD CONSTRAINT "online_service_services_online_service_id_online_services_id_fk" FOREIGN KEY ("online_service_id") REFERENCES "public"."online_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "online_service_services" ADD CONSTRAINT "online_service_services_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "online_services" ADD CONSTRAINT "online_services_lead_county_id_counties_id_fk" FOREIGN KEY ("lead_county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_life_situation_id_life_situations_id_fk" FOREIGN KEY ("life_situation_id") REFERENCES "public"."life_situations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_changes" ADD CONSTRAINT "status_changes_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_changes" ADD CONSTRAINT "status_changes_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_changes" ADD CONSTRAINT "status_changes_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_changes" ADD CONSTRAINT "status_changes_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statuses" ADD CONSTRAINT "statuses_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statuses" ADD CONSTRAINT "statuses_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statuses" ADD CONSTRAINT "statuses_online_service_id_online_services_id_fk" FOREIGN KEY ("online_service_id") REFERENCES "public"."online_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statuses" ADD CONSTRAINT "statuses_fachverfahren_id_fachverfahren_id_fk" FOREIGN KEY ("fachverfahren_id") REFERENCES "public"."fachverfahren"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statuses" ADD CONSTRAINT "statuses_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "fachverfahren_vendor_name_uq" ON "fachverfahren" USING btree ("vendor_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "leika_entries_service_key_uq" ON "leika_entries" USING btree ("service_id","key","name");--> statement-breakpoint
CREATE INDEX "leika_entries_key_idx" ON "leika_entries" USING btree ("key");--> statement-breakpoint
CREATE INDEX "login_attempts_email_at_idx" ON "login_attempts" USING btree ("email","address","attempted_at");--> statement-breakpoint
CREATE INDEX "meetings_held_on_idx" ON "meetings" USING btree ("held_on");--> statement-breakpoint
CREATE INDEX "online_service_services_service_idx" ON "online_service_services" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "services_theme_idx" ON "services" USING btree ("theme_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "status_changes_status_at_idx" ON "status_changes" USING btree ("status_id","changed_at");--> statement-breakpoint
CREATE INDEX "status_changes_county_at_idx" ON "status_changes" USING btree ("county_id","changed_at");--> statement-breakpoint
CREATE INDEX "status_changes_at_idx" ON "status_changes" USING btree ("changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "statuses_county_service_uq" ON "statuses" USING btree ("county_id","service_id");--> statement-breakpoint
CREATE INDEX "statuses_service_idx" ON "statuses" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "statuses_online_service_idx" ON "statuses" USING btree ("online_service_id");--> statement-breakpoint
CREATE INDEX "statuses_fachverfahren_idx" ON "statuses" USING btree ("fachverfahren_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_uq" ON "users" USING btree (lower("email"));