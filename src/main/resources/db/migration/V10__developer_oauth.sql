-- Developer platform: the scope catalog, apps (OAuth clients) and their secrets, the OAuth
-- authorization server's authorizations and consents, and its signing keys.

create table developer_scopes (
    name        varchar(64)   primary key,          -- e.g. deals:read
    resource    varchar(48)   not null,             -- e.g. deals
    access      varchar(8)    not null,             -- read | write
    description varchar(500)  not null,             -- what the scope allows, in plain language (shown on the consent page)
    fields      varchar(1000),                      -- fields a consenting admin may withhold, space-separated (e.g. phone email)
    created_at  timestamp with time zone not null
);

insert into developer_scopes (name, resource, access, description, fields, created_at) values
 ('accounts:read',  'accounts', 'read',  'See your account''s name, domain, segment and teams.', 'domain segment', current_timestamp),
 ('deals:read',     'deals',    'read',  'See the deals registered on your account.', 'amount', current_timestamp),
 ('deals:write',    'deals',    'write', 'Create and update deals on your account.', null, current_timestamp),
 ('contacts:read',  'contacts', 'read',  'See the contacts of your account: names, emails and phone numbers.', 'email phone', current_timestamp),
 ('contacts:write', 'contacts', 'write', 'Create and update the contacts of your account.', null, current_timestamp),
 ('events:read',    'events',   'read',  'Read the product events of your account.', null, current_timestamp),
 ('events:write',   'events',   'write', 'Send product events on behalf of your account.', null, current_timestamp),
 ('webhooks:read',  'webhooks', 'read',  'See the webhook endpoints this app registered.', null, current_timestamp),
 ('webhooks:write', 'webhooks', 'write', 'Register and change webhook endpoints for this app.', null, current_timestamp);

create table developer_apps (
    id              varchar(40)   primary key,
    organization_id varchar(40)   not null,         -- the partner (or the owner) that registered the app
    mode            varchar(8)    not null,         -- live | test
    name            varchar(200)  not null,
    client_id       varchar(64)   not null,
    client_type     varchar(16)   not null,         -- confidential | public
    redirect_uris   varchar(4000),                  -- one per line, matched exactly
    scopes          varchar(2000) not null,         -- space-separated, each in developer_scopes
    logo_url        varchar(500),
    homepage_url    varchar(500),
    privacy_url     varchar(500),
    terms_url       varchar(500),
    api_version     varchar(8)    not null,         -- the version this app's calls default to, e.g. v1
    created_by      varchar(40),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    disabled_at     timestamp with time zone
);
create unique index developer_apps_client on developer_apps (client_id);
create index developer_apps_organization on developer_apps (organization_id, id);

-- Client secrets: only SHA-256 hashes. During a rotation the old secret keeps working until expires_at.
create table developer_app_secrets (
    id             varchar(40)  primary key,
    app_id         varchar(40)  not null references developer_apps (id),
    secret_hash    varchar(64)  not null,
    display_prefix varchar(32)  not null,
    created_at     timestamp with time zone not null,
    expires_at     timestamp with time zone
);
create index developer_app_secrets_app on developer_app_secrets (app_id, id);

-- Spring Security's authorization server tables. Token and JSON columns are varchar without a
-- length (unbounded on PostgreSQL, 1,000,000 characters on H2) rather than blob/text, so one
-- migration and one binding type work on both databases.
create table oauth2_authorization (
    id                            varchar(100) primary key,
    registered_client_id          varchar(100) not null,
    principal_name                varchar(200) not null,
    authorization_grant_type      varchar(100) not null,
    authorized_scopes             varchar(1000),
    attributes                    varchar,
    state                         varchar(500),
    authorization_code_value      varchar,
    authorization_code_issued_at  timestamp with time zone,
    authorization_code_expires_at timestamp with time zone,
    authorization_code_metadata   varchar,
    access_token_value            varchar,
    access_token_issued_at        timestamp with time zone,
    access_token_expires_at       timestamp with time zone,
    access_token_metadata         varchar,
    access_token_type             varchar(100),
    access_token_scopes           varchar(1000),
    oidc_id_token_value           varchar,
    oidc_id_token_issued_at       timestamp with time zone,
    oidc_id_token_expires_at      timestamp with time zone,
    oidc_id_token_metadata        varchar,
    refresh_token_value           varchar,
    refresh_token_issued_at       timestamp with time zone,
    refresh_token_expires_at      timestamp with time zone,
    refresh_token_metadata        varchar,
    user_code_value               varchar,
    user_code_issued_at           timestamp with time zone,
    user_code_expires_at          timestamp with time zone,
    user_code_metadata            varchar,
    device_code_value             varchar,
    device_code_issued_at         timestamp with time zone,
    device_code_expires_at        timestamp with time zone,
    device_code_metadata          varchar
);
create index oauth2_authorization_client on oauth2_authorization (registered_client_id, principal_name);
create index oauth2_authorization_state on oauth2_authorization (state);

create table oauth2_authorization_consent (
    registered_client_id varchar(100)  not null,
    principal_name       varchar(200)  not null,
    authorities          varchar(4000) not null,
    primary key (registered_client_id, principal_name)
);

-- Who granted what, per customer account: the list a customer admin sees and revokes from.
create table developer_grants (
    id                    varchar(40)  primary key,
    app_id                varchar(40)  not null references developer_apps (id),
    account_id            varchar(40)  not null,    -- the organization of the consenting user
    principal_name        varchar(200) not null,
    scopes                varchar(2000) not null,
    departments           varchar(2000),            -- space-separated; null = the whole account
    withheld_fields       varchar(2000),            -- space-separated resource.field entries
    created_at            timestamp with time zone not null,
    revoked_at            timestamp with time zone
);
create index developer_grants_account on developer_grants (account_id, id);
create index developer_grants_app on developer_grants (app_id, principal_name);

-- Refresh tokens that were rotated away: presenting one again means it leaked, so the whole grant is revoked.
create table developer_rotated_refresh_tokens (
    token_hash       varchar(64)  primary key,
    authorization_id varchar(100) not null,
    rotated_at       timestamp with time zone not null
);

-- Token signing keys. The newest generation signs; older ones stay published until retire_at so
-- tokens they signed still verify. The private key is sealed (AES-GCM) with the installation's key.
create table developer_signing_keys (
    kid          varchar(64)  primary key,
    generation   bigint       not null,
    public_jwk   varchar(4000) not null,
    sealed_private_jwk varchar(8000) not null,
    created_at   timestamp with time zone not null,
    retire_at    timestamp with time zone
);
create unique index developer_signing_keys_generation on developer_signing_keys (generation);
