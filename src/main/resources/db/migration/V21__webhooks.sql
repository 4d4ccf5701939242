-- Webhooks module: endpoints, their encrypted signing secrets, the delivery queue and the attempt log.

create table webhook_endpoints (
    id                varchar(40)   primary key,
    organization_id   varchar(40)   not null,
    -- Set for partner-app endpoints bound to a marketplace install; null for the owner's own endpoints.
    install_id        varchar(40),
    mode              varchar(8)    not null,
    url               varchar(2000) not null,
    description       varchar(500),
    event_types       text          not null,
    origin            varchar(16)   not null,
    status            varchar(16)   not null,
    disabled_reason   varchar(500),
    rate_limit        integer,
    rate_window_start bigint        not null default 0,
    rate_window_count integer       not null default 0,
    secret_version    integer       not null default 1,
    failing_since     timestamp with time zone,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null
);
create index webhook_endpoints_org on webhook_endpoints (organization_id, id);
create index webhook_endpoints_active on webhook_endpoints (mode, status);

create table webhook_secrets (
    id          varchar(40)  primary key,
    endpoint_id varchar(40)  not null references webhook_endpoints (id) on delete cascade,
    ciphertext  varchar(500) not null,
    created_at  timestamp with time zone not null,
    -- null for the current secret; a previous secret keeps signing until this time (rotation overlap).
    expires_at  timestamp with time zone
);
create index webhook_secrets_endpoint on webhook_secrets (endpoint_id);

create table webhook_deliveries (
    id               varchar(40)  primary key,
    endpoint_id      varchar(40)  not null references webhook_endpoints (id) on delete cascade,
    event_id         varchar(40)  not null,
    event_type       varchar(100) not null,
    ordering_key     varchar(200),
    payload          text         not null,
    status           varchar(16)  not null,
    retry_step       integer      not null default 0,
    attempts         integer      not null default 0,
    next_attempt_at  timestamp with time zone not null,
    claim_token      varchar(40),
    claim_expires_at timestamp with time zone,
    created_at       timestamp with time zone not null,
    delivered_at     timestamp with time zone,
    last_status_code integer,
    last_error       varchar(1000)
);
create index webhook_deliveries_due on webhook_deliveries (status, next_attempt_at);
create index webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, id);
create index webhook_deliveries_ordering on webhook_deliveries (endpoint_id, ordering_key, id);
create index webhook_deliveries_claim on webhook_deliveries (claim_token);
create index webhook_deliveries_created on webhook_deliveries (created_at);

create table webhook_attempts (
    id               varchar(40) primary key,
    delivery_id      varchar(40) not null references webhook_deliveries (id) on delete cascade,
    endpoint_id      varchar(40) not null,
    attempted_at     timestamp with time zone not null,
    status_code      integer,
    latency_ms       bigint      not null,
    outcome          varchar(16) not null,
    error            varchar(1000),
    response_excerpt text
);
create index webhook_attempts_delivery on webhook_attempts (delivery_id, id);
create index webhook_attempts_endpoint on webhook_attempts (endpoint_id, id);
create index webhook_attempts_time on webhook_attempts (attempted_at);
