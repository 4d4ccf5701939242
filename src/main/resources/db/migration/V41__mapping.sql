-- Account mapping: populations of accounts loaded by the owner and by partners, stored per
-- partnership as keyed hashes (HMAC-SHA-256 under the partnership's own random key) and sealed
-- fields (AES-GCM under a key derived from it). The partnership key is stored wrapped (AES-GCM)
-- under the installation's key-encryption key.

create table mapping_partnerships (
    id          varchar(40) primary key,
    partner_id  varchar(40) not null,
    mode        varchar(8)  not null,
    wrapped_key varchar(200) not null,
    created_at  timestamp with time zone not null
);
create unique index mapping_partnerships_partner on mapping_partnerships (partner_id, mode);

create table mapping_populations (
    id             varchar(40)  primary key,
    partnership_id varchar(40)  not null references mapping_partnerships (id),
    side           varchar(8)   not null,           -- owner | partner
    name           varchar(200) not null,
    kind           varchar(16)  not null,           -- customers | opportunities | prospects | custom
    policy         varchar(16)  not null,           -- hidden | counts | overlaps | everything
    shared_fields  varchar(1000),                   -- comma-separated field names shown under the overlaps policy
    records        bigint       not null,
    skipped        bigint       not null,
    loaded_at      timestamp with time zone,
    created_at     timestamp with time zone not null
);
create index mapping_populations_partnership on mapping_populations (partnership_id, id);

create table mapping_records (
    id            varchar(40) primary key,
    population_id varchar(40) not null references mapping_populations (id),
    account_hmac  varchar(64) not null,
    email_hmac    varchar(64),
    sealed_fields text        not null
);
create unique index mapping_records_account on mapping_records (population_id, account_hmac);
create index mapping_records_hmac on mapping_records (account_hmac);
create index mapping_records_email on mapping_records (email_hmac);

-- Overlap counts, recomputed whenever either population is loaded; one row per pair, so both sides read the same number.
create table mapping_overlaps (
    owner_population_id   varchar(40) not null references mapping_populations (id),
    partner_population_id varchar(40) not null references mapping_populations (id),
    overlap               bigint      not null,
    computed_at           timestamp with time zone not null,
    primary key (owner_population_id, partner_population_id)
);
