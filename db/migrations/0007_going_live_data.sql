-- Going live (issue 12): the Land of the counties that exist already, from the first two digits
-- of the AGS (the Länder's official keys), and an open membership for every current member.
UPDATE counties SET land = CASE substr(ags, 1, 2)
  WHEN '01' THEN 'Schleswig-Holstein' WHEN '02' THEN 'Hamburg' WHEN '03' THEN 'Niedersachsen'
  WHEN '04' THEN 'Bremen' WHEN '05' THEN 'Nordrhein-Westfalen' WHEN '06' THEN 'Hessen'
  WHEN '07' THEN 'Rheinland-Pfalz' WHEN '08' THEN 'Baden-Württemberg' WHEN '09' THEN 'Bayern'
  WHEN '10' THEN 'Saarland' WHEN '11' THEN 'Berlin' WHEN '12' THEN 'Brandenburg'
  WHEN '13' THEN 'Mecklenburg-Vorpommern' WHEN '14' THEN 'Sachsen' WHEN '15' THEN 'Sachsen-Anhalt'
  WHEN '16' THEN 'Thüringen' END
WHERE land IS NULL;
--> statement-breakpoint
INSERT INTO county_memberships (county_id, joined_on)
SELECT id, (created_at AT TIME ZONE 'Europe/Berlin')::date FROM counties WHERE is_member;
