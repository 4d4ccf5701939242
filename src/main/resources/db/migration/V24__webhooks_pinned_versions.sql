-- Webhooks: an endpoint can pin event types to a schema version ("deal.closed_won:1 payment.failed:2"); null when none is pinned.
alter table webhook_endpoints add column pinned_versions varchar(4000);
