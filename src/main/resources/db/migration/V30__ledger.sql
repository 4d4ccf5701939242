-- The money ledger: double-entry, append-only. Rows of ledger_transactions and ledger_entries are
-- only ever inserted; a correction is a new transaction that reverses an earlier one.

create table ledger_transactions (
    id                 varchar(40)  primary key,
    reference          varchar(200) not null,      -- idempotency: one transaction per business event
    kind               varchar(40)  not null,      -- commission.earned, commission.released, payout, clawback, reversal, ...
    description        varchar(500),
    mode               varchar(8)   not null,
    occurred_at        timestamp with time zone not null,
    recorded_at        timestamp with time zone not null,
    reporting_currency varchar(3),                 -- the exchange rate captured at the event, into this currency
    exchange_rate      numeric(24, 12),
    reverses           varchar(40)
);
create unique index ledger_transactions_reference on ledger_transactions (reference);
create index ledger_transactions_reverses on ledger_transactions (reverses);

create table ledger_entries (
    id             varchar(40) primary key,
    transaction_id varchar(40) not null references ledger_transactions (id),
    holder_id      varchar(40) not null,           -- whose account: a partner (prt_...) or 'owner'
    bucket         varchar(40) not null,           -- pending | held | available | paid | commission_expense | ...
    mode           varchar(8)  not null,
    currency       varchar(3)  not null,
    amount         bigint      not null,           -- minor units; every transaction's entries sum to zero per currency
    occurred_at    timestamp with time zone not null
);
-- Covers the balance query (holder, mode) -> sum(amount) by bucket and currency without touching the table.
create index ledger_entries_balance on ledger_entries (holder_id, mode, bucket, currency, amount);
create index ledger_entries_transaction on ledger_entries (transaction_id);
create index ledger_entries_holder_time on ledger_entries (holder_id, occurred_at);

-- Commission money state. The entries are the truth; this row is the lifecycle that decides which
-- entries may be posted next (pending -> held -> available -> paid), advanced by conditional updates.
create table ledger_commissions (
    id            varchar(40)  primary key,
    reference     varchar(200) not null,           -- the source's own id, e.g. a partner commission
    holder_id     varchar(40)  not null,
    mode          varchar(8)   not null,
    currency      varchar(3)   not null,
    amount        bigint       not null,
    clawed_back   bigint       not null default 0,
    status        varchar(16)  not null,
    hold_until    timestamp with time zone,
    review_reason varchar(500),
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null
);
create unique index ledger_commissions_reference on ledger_commissions (reference);
create index ledger_commissions_status on ledger_commissions (status, hold_until);
create index ledger_commissions_holder on ledger_commissions (holder_id, id);

create table ledger_exchange_rates (
    id            varchar(40) primary key,
    base_currency varchar(3)  not null,
    quote_currency varchar(3) not null,
    rate          numeric(24, 12) not null,        -- 1 base = rate quote
    effective_at  timestamp with time zone not null,
    created_at    timestamp with time zone not null
);
create index ledger_exchange_rates_pair on ledger_exchange_rates (base_currency, quote_currency, effective_at);

-- What a payout needs to know about a payee: tax form status and where the money goes (only a
-- fingerprint and the last four characters of the account are stored).
create table ledger_payout_profiles (
    holder_id           varchar(40)  primary key,
    tax_form            varchar(16)  not null,     -- w9 | w8ben
    legal_name          varchar(200) not null,
    country             varchar(2)   not null,
    account_fingerprint varchar(64)  not null,
    account_last4       varchar(4)   not null,
    updated_at          timestamp with time zone not null
);
create index ledger_payout_profiles_fingerprint on ledger_payout_profiles (account_fingerprint);

create table ledger_payout_batches (
    id           varchar(40) primary key,
    period       varchar(7)  not null,             -- YYYY-MM
    status       varchar(16) not null,             -- open | running | completed
    claimed_by   varchar(100),
    claimed_at   timestamp with time zone,
    completed_at timestamp with time zone,
    created_at   timestamp with time zone not null
);
create unique index ledger_payout_batches_period on ledger_payout_batches (period);

create table ledger_payouts (
    id             varchar(40) primary key,
    batch_id       varchar(40) not null references ledger_payout_batches (id),
    holder_id      varchar(40) not null,
    currency       varchar(3)  not null,
    amount         bigint      not null,
    status         varchar(16) not null,           -- paid | skipped
    reason         varchar(300),
    transaction_id varchar(40),
    account_last4  varchar(4),
    tax_form       varchar(16),
    created_at     timestamp with time zone not null
);
create unique index ledger_payouts_once on ledger_payouts (batch_id, holder_id, currency);
create index ledger_payouts_holder on ledger_payouts (holder_id, id);
