-- Webhooks: partner-app endpoints and the install-scoped subscriptions that let them receive a customer account's events.

-- An app's endpoint serves every install of the app, so it belongs to the app, not to one install.
alter table webhook_endpoints drop column install_id;
alter table webhook_endpoints add column app_id varchar(40);
create index webhook_endpoints_app on webhook_endpoints (app_id);

-- The marketplace installs of apps, as the webhooks module was told of them (never read from the marketplace's tables).
create table webhook_installs (
    id            varchar(40)   primary key,             -- the marketplace install id
    app_id        varchar(40)   not null,
    account       varchar(200)  not null,                -- the customer's id in the product, as events carry it
    mode          varchar(8)    not null,
    scopes        varchar(2000) not null,                -- the scopes the customer consented to, space separated
    status        varchar(16)   not null,                -- ACTIVE, SUSPENDED (app suspended) or ENDED (uninstalled)
    status_reason varchar(500),
    installed_at  timestamp with time zone not null,
    updated_at    timestamp with time zone not null
);
create index webhook_installs_app on webhook_installs (app_id, status);

-- Which of an app's endpoints deliver for which install: one row per (install, endpoint).
create table webhook_subscriptions (
    id          varchar(40)  primary key,
    install_id  varchar(40)  not null references webhook_installs (id),
    endpoint_id varchar(40)  not null references webhook_endpoints (id) on delete cascade,
    account     varchar(200) not null,
    mode        varchar(8)   not null,
    status      varchar(16)  not null,                   -- follows its install: ACTIVE, SUSPENDED or ENDED
    created_at  timestamp with time zone not null,
    ended_at    timestamp with time zone,
    constraint webhook_subscriptions_pair unique (install_id, endpoint_id)
);
create index webhook_subscriptions_account on webhook_subscriptions (account, mode, status);
create index webhook_subscriptions_endpoint on webhook_subscriptions (endpoint_id);

-- A delivery to a partner-app endpoint names the subscription it was queued under; null for owner endpoints.
alter table webhook_deliveries add column subscription_id varchar(40);
create index webhook_deliveries_subscription on webhook_deliveries (subscription_id, status);
