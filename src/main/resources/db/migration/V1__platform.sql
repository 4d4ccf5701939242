-- Shared kernel tables. The same SQL runs on H2 (PostgreSQL mode) and PostgreSQL.

create table idempotency_records (
    scope           varchar(64)  not null,
    idem_key        varchar(255) not null,
    request_hash    varchar(64)  not null,
    completed       boolean      not null,
    response_status integer,
    response_type   varchar(255),
    response_body   text,
    created_at      timestamp with time zone not null,
    primary key (scope, idem_key)
);
create index idempotency_records_created on idempotency_records (created_at);

create table mail_outbox (
    id            varchar(40)  primary key,
    recipient     varchar(320) not null,
    subject       varchar(500) not null,
    body          text         not null,
    status        varchar(16)  not null,
    attempts      integer      not null default 0,
    next_attempt_at timestamp with time zone not null,
    last_error    varchar(1000),
    created_at    timestamp with time zone not null,
    sent_at       timestamp with time zone
);
create index mail_outbox_due on mail_outbox (status, next_attempt_at);

create table platform_settings (
    name       varchar(100) primary key,
    setting_value varchar(1000) not null,
    updated_at timestamp with time zone not null
);
