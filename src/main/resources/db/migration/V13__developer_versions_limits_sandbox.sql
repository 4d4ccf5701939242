-- Versions of the public API and their deprecation, calls per client per version per day,
-- rate-limit plans and which organization is on which plan, and each partner's sandbox account.

create table developer_api_versions (
    version        varchar(8)   primary key,        -- v1, v2, ...
    released_on    date         not null,
    deprecated_at  timestamp with time zone,        -- when the deprecation was announced
    sunset_on      date,                            -- announced retirement date (at least 6 months after the notice)
    deprecated_by  varchar(200)
);
insert into developer_api_versions (version, released_on) values ('v1', date '2025-06-01'), ('v2', date '2026-11-01');

create table developer_api_usage (
    usage_day       date         not null,
    version         varchar(8)   not null,
    client_id       varchar(64)  not null,          -- app_… (OAuth token) or key_… (API key)
    organization_id varchar(40)  not null,
    calls           bigint       not null,
    primary key (usage_day, version, client_id)
);
create index developer_api_usage_version on developer_api_usage (version, usage_day);

create table developer_rate_plans (
    name                varchar(40)  primary key,
    requests_per_minute integer      not null,
    description         varchar(500),
    updated_at          timestamp with time zone not null
);
insert into developer_rate_plans (name, requests_per_minute, description, updated_at) values
 ('free',       120,   'Evaluation and small integrations', current_timestamp),
 ('standard',   1200,  'The default for partners', current_timestamp),
 ('enterprise', 12000, 'High-volume technology partners', current_timestamp);

create table developer_rate_plan_assignments (
    organization_id varchar(40)  primary key,
    plan            varchar(40)  not null references developer_rate_plans (name),
    assigned_at     timestamp with time zone not null
);

create table developer_sandboxes (
    partner_id   varchar(40)  primary key,
    account_id   varchar(40)  not null,             -- a test-mode customer account
    external_id  varchar(200) not null,
    created_at   timestamp with time zone not null
);
