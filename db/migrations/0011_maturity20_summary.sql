ALTER TABLE "summary_counts" ADD COLUMN "maturity20_0" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "summary_counts" ADD COLUMN "maturity20_1" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "summary_counts" ADD COLUMN "maturity20_2" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "summary_counts" ADD COLUMN "maturity20_3" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "summary_counts" ADD COLUMN "maturity20_4" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "summary_counts" ADD COLUMN "maturity20_5" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "summary_counts" ADD COLUMN "maturity20_6" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "summary_counts" ADD COLUMN "maturity20_7" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Online rows per level of the Reifegradmodell 2.0 (0–7), counted by the summary triggers like
-- the model-1.1 levels, so the dashboard reads them from summary_counts instead of scanning every
-- status row on each request (decision 038). As in migration 0001 with the eight counters added;
-- "online" is the rule of app/domain/rules.ts (isOnline) and app/models/sql.server.ts (onlineSql).
CREATE OR REPLACE FUNCTION summary_counts_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
  INSERT INTO summary_counts AS t (county_id, theme_id, applicable, online, own, efa, pending, not_applicable,
    partially_online, in_progress, end_to_end, open_negotiations, own_online, own_partial, own_working,
    efa_online, efa_partial, efa_working, maturity_0, maturity_1, maturity_2, maturity_3, maturity_4,
    maturity_sum, maturity_unknown, maturity_other_model, stale,
    maturity20_0, maturity20_1, maturity20_2, maturity20_3, maturity20_4, maturity20_5, maturity20_6, maturity20_7)
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
    coalesce(sum(r.sign) FILTER (WHERE r.approach <> 'not_applicable' AND (r.confirmed_at IS NULL OR r.confirmed_at < (SELECT stale_cutoff FROM summary_meta))), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.is_online AND r.maturity_model = '2.0' AND r.maturity = 0), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.is_online AND r.maturity_model = '2.0' AND r.maturity = 1), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.is_online AND r.maturity_model = '2.0' AND r.maturity = 2), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.is_online AND r.maturity_model = '2.0' AND r.maturity = 3), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.is_online AND r.maturity_model = '2.0' AND r.maturity = 4), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.is_online AND r.maturity_model = '2.0' AND r.maturity = 5), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.is_online AND r.maturity_model = '2.0' AND r.maturity = 6), 0),
    coalesce(sum(r.sign) FILTER (WHERE r.is_online AND r.maturity_model = '2.0' AND r.maturity = 7), 0)
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
    stale = t.stale + excluded.stale,
    maturity20_0 = t.maturity20_0 + excluded.maturity20_0,
    maturity20_1 = t.maturity20_1 + excluded.maturity20_1,
    maturity20_2 = t.maturity20_2 + excluded.maturity20_2,
    maturity20_3 = t.maturity20_3 + excluded.maturity20_3,
    maturity20_4 = t.maturity20_4 + excluded.maturity20_4,
    maturity20_5 = t.maturity20_5 + excluded.maturity20_5,
    maturity20_6 = t.maturity20_6 + excluded.maturity20_6,
    maturity20_7 = t.maturity20_7 + excluded.maturity20_7
$q$, source)
$fn$;
--> statement-breakpoint
-- Fill the new counters for the rows already there.
SELECT summary_rebuild();
