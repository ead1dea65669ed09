-- „Jetzt verfügbar“: when the availability of an EfA or community online service changes to
-- available, record one event in the same transaction as the write, whatever the write path
-- (form, import, API, SQL). A job turns each event into notices for the counties that wait for
-- it. Inserts do not count: the seed and catalogue loads create services that are available
-- from the start, and nobody was told they were coming.
CREATE FUNCTION notification_online_service_available() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.availability = 'available'
     AND NEW.kind IN ('efa', 'community')
     AND OLD.availability IS DISTINCT FROM 'available' THEN
    INSERT INTO notification_events (kind, online_service_id) VALUES ('now_available', NEW.id);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER online_services_now_available
AFTER UPDATE OF availability ON online_services
FOR EACH ROW EXECUTE FUNCTION notification_online_service_available();
