-- Insights: facts from the product, the partner program and the marketplace. Each row carries
-- the caller's id for it (fact_id); sending the same fact again updates it in place.

create table insights_mrr_changes (
    id                  varchar(40)  primary key,
    mode                varchar(8)   not null,
    fact_id             varchar(200) not null,
    account_external_id varchar(200) not null,
    effective_on        date         not null,
    mrr                 bigint       not null,
    currency            varchar(3)   not null,
    content_hash        varchar(64)  not null,
    recorded_at         timestamp with time zone not null
);
create unique index insights_mrr_changes_fact on insights_mrr_changes (mode, fact_id);
create index insights_mrr_changes_account on insights_mrr_changes (mode, account_external_id, effective_on);

create table insights_touchpoints (
    id                      varchar(40)  primary key,
    mode                    varchar(8)   not null,
    fact_id                 varchar(200) not null,
    account_external_id     varchar(200) not null,
    opportunity_external_id varchar(200),
    partner_id              varchar(40),
    kind                    varchar(40)  not null,
    occurred_at             timestamp with time zone not null,
    person_email            varchar(320),
    detail                  varchar(500),
    content_hash            varchar(64)  not null,
    recorded_at             timestamp with time zone not null
);
create unique index insights_touchpoints_fact on insights_touchpoints (mode, fact_id);
create index insights_touchpoints_account on insights_touchpoints (mode, account_external_id, occurred_at);
create index insights_touchpoints_email on insights_touchpoints (person_email);

create table insights_opportunities (
    id                    varchar(40)  primary key,
    mode                  varchar(8)   not null,
    fact_id               varchar(200) not null,
    account_external_id   varchar(200) not null,
    name                  varchar(200),
    status                varchar(8)   not null,          -- open | won | lost
    amount                bigint       not null,
    currency              varchar(3)   not null,
    created_on            timestamp with time zone not null,
    closed_at             timestamp with time zone,
    created_by_partner_id varchar(40),
    content_hash          varchar(64)  not null,
    recorded_at           timestamp with time zone not null
);
create unique index insights_opportunities_fact on insights_opportunities (mode, fact_id);
create index insights_opportunities_closed on insights_opportunities (mode, closed_at);

create table insights_installs (
    id                  varchar(40)  primary key,
    mode                varchar(8)   not null,
    fact_id             varchar(200) not null,
    account_external_id varchar(200) not null,
    integration         varchar(200) not null,
    partner_id          varchar(40),
    installed_at        timestamp with time zone not null,
    uninstalled_at      timestamp with time zone,
    content_hash        varchar(64)  not null,
    recorded_at         timestamp with time zone not null
);
create unique index insights_installs_fact on insights_installs (mode, fact_id);
create index insights_installs_account on insights_installs (mode, account_external_id);

-- Partner apps' API calls and events received, per month (until the developer/events modules report them).
create table insights_partner_activity (
    id              varchar(40) primary key,
    mode            varchar(8)  not null,
    fact_id         varchar(200) not null,                 -- partner_id + ':' + month
    partner_id      varchar(40) not null,
    activity_month  date        not null,
    api_calls       bigint      not null,
    events_received bigint      not null,
    content_hash    varchar(64) not null,
    recorded_at     timestamp with time zone not null
);
create unique index insights_partner_activity_fact on insights_partner_activity (mode, fact_id);

-- Marketplace GMV per month (imported until the marketplace and ledger report it).
create table insights_gmv (
    id          varchar(40) primary key,
    mode        varchar(8)  not null,
    fact_id     varchar(200) not null,                     -- the month, YYYY-MM
    gmv_month   date        not null,
    amount      bigint      not null,
    currency    varchar(3)  not null,
    content_hash varchar(64) not null,
    recorded_at timestamp with time zone not null
);
create unique index insights_gmv_fact on insights_gmv (mode, fact_id);

create table insights_experiments (
    id                 varchar(40)  primary key,
    mode               varchar(8)   not null,
    name               varchar(200) not null,
    lever              varchar(200) not null,
    hypothesis         varchar(2000),
    treatment_share    numeric(5,4) not null,
    baseline_rate      numeric(7,6) not null,
    minimum_effect     numeric(7,6) not null,
    sample_per_arm     bigint       not null,
    status             varchar(16)  not null,              -- running | stopped
    started_at         timestamp with time zone not null,
    stopped_at         timestamp with time zone,
    created_at         timestamp with time zone not null
);
create index insights_experiments_mode on insights_experiments (mode, id);

-- One exposure and at most one conversion per account and experiment; the arm is fixed by hashing.
create table insights_experiment_events (
    id                  varchar(40)  primary key,
    experiment_id       varchar(40)  not null references insights_experiments (id),
    account_external_id varchar(200) not null,
    arm                 varchar(16)  not null,             -- control | treatment
    event_kind          varchar(16)  not null,             -- exposure | conversion
    occurred_at         timestamp with time zone not null
);
create unique index insights_experiment_events_once on insights_experiment_events (experiment_id, account_external_id, event_kind);
