-- Events module: the event-type catalog (versioned JSON Schemas) and the event log.

create table event_types (
    id               varchar(40)   primary key,
    name             varchar(100)  not null,
    description      varchar(2000) not null,
    origin           varchar(16)   not null,
    latest_version   integer       not null,
    deprecated_at    timestamp with time zone,
    deprecation_note varchar(1000),
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
create unique index event_types_name on event_types (name);

create table event_type_versions (
    type_name      varchar(100) not null,
    version_number integer      not null,
    json_schema    text         not null,
    example        text,
    breaking       boolean      not null,
    changes        text,
    created_at     timestamp with time zone not null,
    primary key (type_name, version_number)
);

create table events (
    id             varchar(40)  primary key,
    mode           varchar(8)   not null,
    client_id      varchar(300),
    type_name      varchar(100) not null,
    schema_version integer      not null,
    account_ref    varchar(200),
    user_ref       varchar(200),
    source         varchar(200),
    outcome        varchar(200),
    ordering_key   varchar(200),
    occurred_at    timestamp with time zone not null,
    received_at    timestamp with time zone not null,
    data           text         not null
);
-- The same client id (or Idempotency-Key) is stored once per mode.
create unique index events_client_id on events (mode, client_id);
create index events_mode_id on events (mode, id);
create index events_mode_type on events (mode, type_name, id);
create index events_mode_account on events (mode, account_ref, id);
create index events_received on events (received_at);
