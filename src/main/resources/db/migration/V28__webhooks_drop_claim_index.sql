-- Webhooks: claims are read back by primary key (PostgreSQL returns them from the claiming update itself), so
-- nothing looks deliveries up by claim token any more. The index cost one more index entry on each of the two
-- updates every delivery goes through (claimed, then delivered).
drop index if exists webhook_deliveries_claim;
