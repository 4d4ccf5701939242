-- Organizations, users, credentials and the audit log.

create table organizations (
    id           varchar(40)  primary key,
    kind         varchar(16)  not null,           -- owner | partner | customer
    name         varchar(200) not null,
    domain       varchar(253),
    partner_type varchar(16),                     -- technology | solution | referral (partners only)
    external_id  varchar(200),                    -- the product's own id (customer accounts only)
    mode         varchar(8)   not null default 'live',
    segment      varchar(100),                    -- customer accounts: the product's segment (e.g. smb, enterprise)
    signed_up_on date,                            -- customer accounts: when they became a customer
    attributes   text,                            -- customer accounts: further fields from the product, as JSON
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null
);
create unique index organizations_external on organizations (mode, external_id);
create index organizations_kind on organizations (kind, id);

create table users (
    id              varchar(40)  primary key,
    organization_id varchar(40)  not null references organizations (id),
    email           varchar(320) not null,
    name            varchar(200),
    role            varchar(32)  not null,
    status          varchar(16)  not null,        -- invited | active | disabled
    password_hash   varchar(200),
    failed_logins   integer      not null default 0,
    locked_until    timestamp with time zone,
    created_at      timestamp with time zone not null,
    last_login_at   timestamp with time zone
);
create unique index users_email on users (email);
create index users_organization on users (organization_id, id);

-- Single-use links sent by email (invitations, password resets); only a hash of the token is kept.
create table user_tokens (
    id          varchar(40) primary key,
    user_id     varchar(40) not null references users (id),
    purpose     varchar(16) not null,             -- invitation | reset
    token_hash  varchar(64) not null,
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone,
    created_at  timestamp with time zone not null
);
create unique index user_tokens_hash on user_tokens (token_hash);

create table api_keys (
    id              varchar(40)  primary key,
    organization_id varchar(40)  not null references organizations (id),
    mode            varchar(8)   not null,
    name            varchar(200) not null,
    display_prefix  varchar(32)  not null,        -- e.g. fw_live_AbC1 — enough to recognise, useless to use
    key_hash        varchar(64)  not null,
    created_by      varchar(40),
    created_at      timestamp with time zone not null,
    expires_at      timestamp with time zone,
    revoked_at      timestamp with time zone,
    last_used_at    timestamp with time zone
);
create unique index api_keys_hash on api_keys (key_hash);
create index api_keys_organization on api_keys (organization_id, id);

create table audit_log (
    id              varchar(40)  primary key,
    organization_id varchar(40),
    actor           varchar(200) not null,
    action          varchar(64)  not null,
    target          varchar(200),
    detail          varchar(2000),
    ip              varchar(64),
    occurred_at     timestamp with time zone not null
);
create index audit_log_action on audit_log (action, id);
