-- Co-marketing: assets made with a partner, market development fund budgets and fund requests.
create table partner_assets (
    id          varchar(40)  primary key,
    partner_id  varchar(40)  not null,
    kind        varchar(20)  not null,            -- case_study | webinar | landing_page | joint_listing
    title       varchar(200) not null,
    url         varchar(2000),
    live_on     date,                             -- null while planned
    created_by  varchar(200) not null,
    created_at  timestamp with time zone not null
);
create index partner_assets_partner on partner_assets (partner_id, id);

-- One budget per partner, quarter and currency; requests draw on it.
create table fund_budgets (
    id          varchar(40)  primary key,
    partner_id  varchar(40)  not null,
    period      varchar(7)   not null,            -- a calendar quarter such as 2026-Q4
    amount      bigint       not null,
    currency    varchar(3)   not null,
    updated_by  varchar(200) not null,
    updated_at  timestamp with time zone not null
);
create unique index fund_budgets_partner_period on fund_budgets (partner_id, period, currency);

create table fund_requests (
    id               varchar(40)  primary key,
    partner_id       varchar(40)  not null,
    budget_id        varchar(40)  not null references fund_budgets (id),
    activity         varchar(500) not null,
    amount           bigint       not null,       -- requested, in the budget's currency
    currency         varchar(3)   not null,
    status           varchar(20)  not null,       -- requested | approved | declined | claimed | claim_approved | claim_rejected | paid
    claimed_amount   bigint,
    proof_url        varchar(2000),
    claim_note       varchar(1000),
    decided_by       varchar(200),
    decision_reason  varchar(1000),
    ledger_transaction_id varchar(40),
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
create index fund_requests_partner on fund_requests (partner_id, id);
create index fund_requests_budget on fund_requests (budget_id);
create index fund_requests_status on fund_requests (status, id);
