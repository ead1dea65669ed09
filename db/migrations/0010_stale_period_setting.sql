-- The stale period becomes one community setting (issue #11, decision 023): app_meta
-- 'stale_after_days', read through stale_after_days() by the summary functions below and by the
-- app (app/models/sql.server.ts), and changed by an admin on /admin/kreise. A new database starts
-- with 180 days (DEFAULT_STALE_AFTER_DAYS in app/domain/rules.ts).
INSERT INTO app_meta (key, value) VALUES ('stale_after_days', '180') ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION stale_after_days() RETURNS integer LANGUAGE sql STABLE AS $fn$
  SELECT value::integer FROM app_meta WHERE key = 'stale_after_days'
$fn$;
--> statement-breakpoint
-- As in migration 0001, with the period read from the setting.
CREATE OR REPLACE FUNCTION summary_rebuild() RETURNS void LANGUAGE plpgsql SET jit = off AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(summary_lock_key());
  UPDATE summary_meta SET stale_cutoff = now() - make_interval(days => stale_after_days());
  DELETE FROM summary_counts;
  DELETE FROM summary_online_trend;
  DELETE FROM summary_community_trend;
  EXECUTE summary_counts_sql('SELECT 1 AS sign, * FROM statuses');
  PERFORM summary_trend_apply(NULL, NULL, 1);
END
$fn$;
--> statement-breakpoint
-- Moves the stale cutoff to now − the stale period and recounts against it. Called by readers
-- when the cutoff is more than a day old, so the rows they count live stay one day's worth.
CREATE OR REPLACE FUNCTION summary_advance_stale_cutoff() RETURNS void LANGUAGE plpgsql SET jit = off AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(summary_lock_key());
  -- Another request may have moved it while this one waited for the lock.
  IF (SELECT stale_cutoff FROM summary_meta) > now() - make_interval(days => stale_after_days() + 1) THEN
    RETURN;
  END IF;
  UPDATE summary_meta SET stale_cutoff = now() - make_interval(days => stale_after_days());
  PERFORM summary_recount_stale();
END
$fn$;
--> statement-breakpoint
-- A changed period moves the cutoff at once, in the writing transaction: a shorter period would
-- otherwise leave rows counted as fresh that are stale now (readers add only rows confirmed
-- after the cutoff), a longer one rows counted as stale that are not.
CREATE FUNCTION summary_stale_period_trg() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(summary_lock_key());
  UPDATE summary_meta SET stale_cutoff = now() - make_interval(days => stale_after_days());
  PERFORM summary_recount_stale();
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER app_meta_stale_period AFTER INSERT OR UPDATE ON app_meta
  FOR EACH ROW WHEN (NEW.key = 'stale_after_days') EXECUTE FUNCTION summary_stale_period_trg();
