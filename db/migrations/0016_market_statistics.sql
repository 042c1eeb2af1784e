-- Market statistics (issue 12): the dashboard and /stats select registered contracts by registration
-- day, county (the six digits of the registration number after the year) and kind.
CREATE INDEX IF NOT EXISTS "contract_registrations_stats_idx" ON "contract_registrations" USING btree ("registered_on", (substr("registration_no", 5, 6)), "kind");
