CREATE TABLE "summary_community_trend" (
	"theme_id" integer NOT NULL,
	"month" date NOT NULL,
	"delta" integer DEFAULT 0 NOT NULL,
	"events" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "summary_community_trend_theme_id_month_pk" PRIMARY KEY("theme_id","month")
);
--> statement-breakpoint
CREATE TABLE "summary_counts" (
	"county_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	"applicable" integer DEFAULT 0 NOT NULL,
	"online" integer DEFAULT 0 NOT NULL,
	"own" integer DEFAULT 0 NOT NULL,
	"efa" integer DEFAULT 0 NOT NULL,
	"pending" integer DEFAULT 0 NOT NULL,
	"not_applicable" integer DEFAULT 0 NOT NULL,
	"partially_online" integer DEFAULT 0 NOT NULL,
	"in_progress" integer DEFAULT 0 NOT NULL,
	"end_to_end" integer DEFAULT 0 NOT NULL,
	"open_negotiations" integer DEFAULT 0 NOT NULL,
	"own_online" integer DEFAULT 0 NOT NULL,
	"own_partial" integer DEFAULT 0 NOT NULL,
	"own_working" integer DEFAULT 0 NOT NULL,
	"efa_online" integer DEFAULT 0 NOT NULL,
	"efa_partial" integer DEFAULT 0 NOT NULL,
	"efa_working" integer DEFAULT 0 NOT NULL,
	"maturity_0" integer DEFAULT 0 NOT NULL,
	"maturity_1" integer DEFAULT 0 NOT NULL,
	"maturity_2" integer DEFAULT 0 NOT NULL,
	"maturity_3" integer DEFAULT 0 NOT NULL,
	"maturity_4" integer DEFAULT 0 NOT NULL,
	"maturity_sum" integer DEFAULT 0 NOT NULL,
	"maturity_unknown" integer DEFAULT 0 NOT NULL,
	"maturity_other_model" integer DEFAULT 0 NOT NULL,
	"stale" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "summary_counts_county_id_theme_id_pk" PRIMARY KEY("county_id","theme_id")
);
--> statement-breakpoint
CREATE TABLE "summary_meta" (
	"id" integer PRIMARY KEY NOT NULL,
	"stale_cutoff" timestamp with time zone NOT NULL,
	CONSTRAINT "summary_meta_single_row" CHECK ("summary_meta"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "summary_online_trend" (
	"county_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	"month" date NOT NULL,
	"delta" integer DEFAULT 0 NOT NULL,
	"events" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "summary_online_trend_county_id_theme_id_month_pk" PRIMARY KEY("county_id","theme_id","month")
);
--> statement-breakpoint
ALTER TABLE "summary_community_trend" ADD CONSTRAINT "summary_community_trend_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "summary_counts" ADD CONSTRAINT "summary_counts_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "summary_counts" ADD CONSTRAINT "summary_counts_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "summary_online_trend" ADD CONSTRAINT "summary_online_trend_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "summary_online_trend" ADD CONSTRAINT "summary_online_trend_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "statuses_confirmed_at_idx" ON "statuses" USING btree ("confirmed_at");--> statement-breakpoint
-- Summary maintenance (issue 6). Statement-level triggers with transition tables keep
-- summary_counts and summary_online_trend current in the same transaction as every write, with
-- one set-based statement per write statement, whichever code path wrote. The functions run
-- without JIT: compiling costs about a second, more than any of their statements.

-- The upsert that adds the contributions of a set of status rows. `source` yields status-shaped
-- rows plus `sign` (+1 to add, -1 to remove); rows of retired services do not count.
CREATE FUNCTION summary_counts_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
  INSERT INTO summary_counts AS t (county_id, theme_id, applicable, online, own, efa, pending, not_applicable,
    partially_online, in_progress, end_to_end, open_negotiations, own_online, own_partial, own_working,
    efa_online, efa_partial, efa_working, maturity_0, maturity_1, maturity_2, maturity_3, maturity_4,
    maturity_sum, maturity_unknown, maturity_other_model, stale)
  SELECT r.county_id, v.theme_id,
    coalesce(sum(r.sign) FILTER (WHERE r.approach <> 'not_applicable'), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.is_online), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.approach = 'own'), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.approach = 'efa'), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.approach = 'pending'), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.approach = 'not_applicable'), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.stage = 'partially_online'), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.stage = 'in_progress'), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.is_online AND r.end_to_end), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.approach <> 'not_applicable' AND r.interface_status IN ('negotiating', 'in_development', 'testing')), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.approach = 'own' AND r.stage = 'online'), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.approach = 'own' AND r.stage = 'partially_online'), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.approach = 'own' AND r.stage IN ('in_progress', 'planned')), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.approach = 'efa' AND r.stage = 'online'), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.approach = 'efa' AND r.stage = 'partially_online'), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.approach = 'efa' AND r.stage IN ('in_progress', 'planned')), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.is_online AND r.maturity_model = '1.1' AND r.maturity = 0), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.is_online AND r.maturity_model = '1.1' AND r.maturity = 1), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.is_online AND r.maturity_model = '1.1' AND r.maturity = 2), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.is_online AND r.maturity_model = '1.1' AND r.maturity = 3), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.is_online AND r.maturity_model = '1.1' AND r.maturity = 4), 0),
    coalesce(sum(r.sign * r.maturity) FILTER (WHERE r.is_online AND r.maturity_model = '1.1'), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.is_online AND r.maturity IS NULL), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.is_online AND r.maturity IS NOT NULL AND r.maturity_model <> '1.1'), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.approach <> 'not_applicable' AND (r.confirmed_at IS NULL OR r.confirmed_at < (SELECT stale_cutoff FROM summary_meta))), 0)
  FROM (SELECT s.*, s.approach IN ('own', 'efa') AND s.stage = 'online' AS is_online FROM (%s) s) r
  JOIN services v ON v.id = r.service_id AND v.retired_at IS NULL
  GROUP BY r.county_id, v.theme_id
  -- A fixed lock order, so two bulk writes cannot deadlock on the summary rows.
  ORDER BY r.county_id, v.theme_id
  ON CONFLICT (county_id, theme_id) DO UPDATE SET
    applicable = t.applicable + excluded.applicable, online = t.online + excluded.online,
    own = t.own + excluded.own, efa = t.efa + excluded.efa, pending = t.pending + excluded.pending,
    not_applicable = t.not_applicable + excluded.not_applicable,
    partially_online = t.partially_online + excluded.partially_online, in_progress = t.in_progress + excluded.in_progress,
    end_to_end = t.end_to_end + excluded.end_to_end, open_negotiations = t.open_negotiations + excluded.open_negotiations,
    own_online = t.own_online + excluded.own_online, own_partial = t.own_partial + excluded.own_partial,
    own_working = t.own_working + excluded.own_working, efa_online = t.efa_online + excluded.efa_online,
    efa_partial = t.efa_partial + excluded.efa_partial, efa_working = t.efa_working + excluded.efa_working,
    maturity_0 = t.maturity_0 + excluded.maturity_0, maturity_1 = t.maturity_1 + excluded.maturity_1,
    maturity_2 = t.maturity_2 + excluded.maturity_2, maturity_3 = t.maturity_3 + excluded.maturity_3,
    maturity_4 = t.maturity_4 + excluded.maturity_4, maturity_sum = t.maturity_sum + excluded.maturity_sum,
    maturity_unknown = t.maturity_unknown + excluded.maturity_unknown,
    maturity_other_model = t.maturity_other_model + excluded.maturity_other_model,
    stale = t.stale + excluded.stale
$q$, source)
$fn$;
--> statement-breakpoint
-- Adds sign × the trend contributions of the stage changes of the given status rows (all when
-- NULL), leaving out the records in `skip`. A record contributes +1/-1 in its month when the
-- row's state after it (online or not) differs from the state after the row's previous stage
-- change; summed per month this is exactly "the last change in a month decides".
CREATE FUNCTION summary_trend_apply(status_ids integer[], skip bigint[], sign integer) RETURNS void LANGUAGE plpgsql SET jit = off AS $fn$
BEGIN
  -- EXECUTE plans with the actual arrays, so large ones are hashed and small ones use the index.
  EXECUTE format($q$
    WITH d AS (
      SELECT d.county_id, v.theme_id, d.month, $3 * sum(d.delta) AS delta, $3 * count(*) AS events
      FROM (
        SELECT e.county_id, e.service_id, e.month,
               e.online::int - coalesce(lag(e.online) OVER (PARTITION BY e.status_id ORDER BY e.changed_at, e.id), false)::int AS delta
        FROM (
          SELECT sc.id, sc.status_id, sc.county_id, sc.service_id, sc.changed_at,
                 date_trunc('month', sc.changed_at AT TIME ZONE 'Europe/Berlin')::date AS month,
                 coalesce(sc.changes -> 'stage' ->> 'to' = 'online', false) AS online
          FROM status_changes sc
          WHERE sc.changes ? 'stage' %s %s
        ) e
      ) d
      JOIN services v ON v.id = d.service_id AND v.retired_at IS NULL
      GROUP BY d.county_id, v.theme_id, d.month
    ),
    per_county AS (
      INSERT INTO summary_online_trend AS t (county_id, theme_id, month, delta, events)
      SELECT * FROM d ORDER BY 1, 2, 3
      ON CONFLICT (county_id, theme_id, month) DO UPDATE SET delta = t.delta + excluded.delta, events = t.events + excluded.events
    )
    INSERT INTO summary_community_trend AS t (theme_id, month, delta, events)
    SELECT d.theme_id, d.month, sum(d.delta), sum(d.events)
    FROM d JOIN counties c ON c.id = d.county_id AND c.is_member
    GROUP BY d.theme_id, d.month
    ORDER BY 1, 2
    ON CONFLICT (theme_id, month) DO UPDATE SET delta = t.delta + excluded.delta, events = t.events + excluded.events
  $q$,
    CASE WHEN status_ids IS NULL THEN '' ELSE 'AND sc.status_id = ANY ($1)' END,
    CASE WHEN skip IS NULL OR cardinality(skip) = 0 THEN '' ELSE 'AND sc.id <> ALL ($2)' END)
  USING status_ids, skip, sign;
END
$fn$;
--> statement-breakpoint
-- Writers hold this advisory lock shared while they adjust summary_counts; moving the stale
-- cutoff and rebuilding hold it exclusively, so no adjustment is computed against a cutoff that
-- changes under it.
CREATE FUNCTION summary_lock_key() RETURNS bigint LANGUAGE sql IMMUTABLE AS $fn$ SELECT 7042601::bigint $fn$;
--> statement-breakpoint
-- Recomputes both summaries from scratch: after a catalogue change moved or retired services,
-- and after bulk loads that bypass the triggers (the benchmark generator).
CREATE FUNCTION summary_rebuild() RETURNS void LANGUAGE plpgsql SET jit = off AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(summary_lock_key());
  UPDATE summary_meta SET stale_cutoff = now() - interval '180 days';
  DELETE FROM summary_counts;
  DELETE FROM summary_online_trend;
  DELETE FROM summary_community_trend;
  EXECUTE summary_counts_sql('SELECT 1 AS sign, * FROM statuses');
  PERFORM summary_trend_apply(NULL, NULL, 1);
END
$fn$;
--> statement-breakpoint
-- Recounts summary_counts.stale against the current cutoff (the caller holds the lock).
CREATE FUNCTION summary_recount_stale() RETURNS void LANGUAGE sql AS $fn$
  UPDATE summary_counts t SET stale = coalesce(x.stale, 0)
  FROM summary_counts k
  LEFT JOIN (
    SELECT s.county_id, v.theme_id, count(*)::int AS stale
    FROM statuses s
    JOIN services v ON v.id = s.service_id AND v.retired_at IS NULL
    WHERE s.approach <> 'not_applicable' AND (s.confirmed_at IS NULL OR s.confirmed_at < (SELECT stale_cutoff FROM summary_meta))
    GROUP BY s.county_id, v.theme_id
  ) x ON x.county_id = k.county_id AND x.theme_id = k.theme_id
  WHERE t.county_id = k.county_id AND t.theme_id = k.theme_id AND t.stale <> coalesce(x.stale, 0);
$fn$;
--> statement-breakpoint
-- Moves the stale cutoff to now − 180 days and recounts against it. Called by readers when the
-- cutoff is more than a day old, so the rows they count live stay one day's worth.
CREATE FUNCTION summary_advance_stale_cutoff() RETURNS void LANGUAGE plpgsql SET jit = off AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(summary_lock_key());
  -- Another request may have moved it while this one waited for the lock.
  IF (SELECT stale_cutoff FROM summary_meta) > now() - interval '181 days' THEN
    RETURN;
  END IF;
  UPDATE summary_meta SET stale_cutoff = now() - interval '180 days';
  PERFORM summary_recount_stale();
END
$fn$;
--> statement-breakpoint
CREATE FUNCTION summary_statuses_trg() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $fn$
DECLARE
  -- Only these feed the counts: an update that keeps them (a note, a re-confirmation) costs nothing.
  moved constant text := '(o.county_id, o.service_id, o.approach, o.stage, o.maturity, o.maturity_model, o.end_to_end, o.interface_status,
      o.confirmed_at IS NULL OR o.confirmed_at < (SELECT stale_cutoff FROM summary_meta))
    IS DISTINCT FROM (n.county_id, n.service_id, n.approach, n.stage, n.maturity, n.maturity_model, n.end_to_end, n.interface_status,
      n.confirmed_at IS NULL OR n.confirmed_at < (SELECT stale_cutoff FROM summary_meta))';
BEGIN
  -- Before anything reads the cutoff (see summary_lock_key).
  PERFORM pg_advisory_xact_lock_shared(summary_lock_key());
  IF TG_OP = 'UPDATE' THEN
    -- The common save changes no counted column: answered by a statement planned once per
    -- session, without building and planning the upsert.
    IF NOT EXISTS (
      SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.county_id, o.service_id, o.approach, o.stage, o.maturity, o.maturity_model, o.end_to_end, o.interface_status,
             o.confirmed_at IS NULL OR o.confirmed_at < (SELECT stale_cutoff FROM summary_meta))
        IS DISTINCT FROM (n.county_id, n.service_id, n.approach, n.stage, n.maturity, n.maturity_model, n.end_to_end, n.interface_status,
             n.confirmed_at IS NULL OR n.confirmed_at < (SELECT stale_cutoff FROM summary_meta))
    ) THEN
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP = 'INSERT' THEN
    EXECUTE summary_counts_sql('SELECT 1 AS sign, * FROM new_rows');
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE summary_counts_sql('SELECT -1 AS sign, * FROM old_rows');
  ELSE
    EXECUTE summary_counts_sql(
      'SELECT -1 AS sign, o.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ' || moved ||
      ' UNION ALL SELECT 1, n.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ' || moved);
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER statuses_summary_insert AFTER INSERT ON statuses REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION summary_statuses_trg();
--> statement-breakpoint
CREATE TRIGGER statuses_summary_update AFTER UPDATE ON statuses REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION summary_statuses_trg();
--> statement-breakpoint
CREATE TRIGGER statuses_summary_delete AFTER DELETE ON statuses REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION summary_statuses_trg();
--> statement-breakpoint
-- New history records: add what the affected rows contribute now and take away what they
-- contributed without the new records, so even back-dated records (seeds) come out exact.
CREATE FUNCTION summary_changes_trg() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $fn$
DECLARE
  affected integer[];
  added bigint[];
BEGIN
  SELECT array_agg(DISTINCT status_id), array_agg(id) INTO affected, added FROM new_rows WHERE changes ? 'stage';
  IF affected IS NOT NULL THEN
    PERFORM summary_trend_apply(affected, added, -1);
    PERFORM summary_trend_apply(affected, NULL, 1);
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER status_changes_summary_insert AFTER INSERT ON status_changes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION summary_changes_trg();
--> statement-breakpoint
-- Moving a service to another Themenfeld or retiring it changes which summary row its status
-- rows belong to: rare (catalogue import), so recompute everything.
CREATE FUNCTION summary_services_trg() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE o.theme_id <> n.theme_id OR (o.retired_at IS NULL) <> (n.retired_at IS NULL)) THEN
    PERFORM summary_rebuild();
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER services_summary_update AFTER UPDATE ON services REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION summary_services_trg();
--> statement-breakpoint
-- summary_community_trend sums the member counties only: a change of membership recomputes.
CREATE FUNCTION summary_counties_trg() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.is_member <> n.is_member) THEN
    PERFORM summary_rebuild();
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER counties_summary_update AFTER UPDATE ON counties REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION summary_counties_trg();
--> statement-breakpoint
INSERT INTO summary_meta (id, stale_cutoff) VALUES (1, now() - interval '180 days');
--> statement-breakpoint
SELECT summary_rebuild();
