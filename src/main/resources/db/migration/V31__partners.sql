-- The partner program. A partner is an organization of the identity module; everything here is
-- keyed by its id and never changes identity's tables.

-- Tiers with objective requirements (metric -> minimum, as JSON) and benefits. Configurable by the owner.
create table partner_tiers (
    name            varchar(40)  primary key,
    label           varchar(100) not null,
    tier_rank       integer      not null,
    requirements    text         not null,
    benefits        text         not null,
    updated_at      timestamp with time zone not null
);
create unique index partner_tiers_rank on partner_tiers (tier_rank);

insert into partner_tiers (name, label, tier_rank, requirements, benefits, updated_at) values
 ('registered', 'Registered', 0, '{}',
  '["10 % commission on sourced deals","Deal registration with 90-day protection","Partner portal, training and certification"]',
  timestamp with time zone '2026-01-01 00:00:00+00'),
 ('preferred', 'Preferred', 1, '{"deals_closed":3,"sourced_revenue":25000,"certified_staff":1}',
  '["15 % commission on sourced deals","Co-marketing fund","Beta access","Named partner manager"]',
  timestamp with time zone '2026-01-01 00:00:00+00'),
 ('premier', 'Premier', 2, '{"deals_closed":10,"sourced_revenue":150000,"certified_staff":3,"managed_customers":5}',
  '["20 % commission on sourced deals","Dedicated partner manager","Larger co-marketing fund","Beta access","120-day deal protection"]',
  timestamp with time zone '2026-01-01 00:00:00+00');

create table partner_programs (
    partner_id      varchar(40)  primary key,
    tier            varchar(40)  not null,
    tier_since      timestamp with time zone not null,
    below_since     date,                          -- first day below the current tier's requirements (grace period)
    founding        boolean      not null default false,
    founding_until  date,                          -- founding partner's elevated rates apply to deals won until this day
    manager_email   varchar(320),
    joined_at       timestamp with time zone not null
);

create table partner_tier_changes (
    id          varchar(40) primary key,
    partner_id  varchar(40) not null,
    from_tier   varchar(40),
    to_tier     varchar(40) not null,
    change_kind varchar(20) not null,              -- upgrade | downgrade | grace_started | recovered | joined
    reason      varchar(1000) not null,
    metrics     text        not null,              -- the numbers that caused it, as JSON
    changed_at  timestamp with time zone not null
);
create index partner_tier_changes_partner on partner_tier_changes (partner_id, id);

-- One row per day: the node that inserts it runs that day's tier evaluation, the others skip.
create table partner_tier_runs (
    run_date     date        primary key,
    claimed_by   varchar(100) not null,
    claimed_at   timestamp with time zone not null,
    completed_at timestamp with time zone,
    evaluated    integer
);

create table deal_registrations (
    id               varchar(40)  primary key,
    partner_id       varchar(40)  not null,
    mode             varchar(8)   not null,
    company          varchar(200) not null,
    domain           varchar(253) not null,        -- normalised: www.Acme.com -> acme.com
    contact_email    varchar(320) not null,
    estimated_amount bigint       not null,
    currency         varchar(3)   not null,
    products         varchar(1000),
    expected_close   date         not null,
    status           varchar(16)  not null,
    conflicts        text         not null,        -- JSON array of {reason, detail, registration_id}
    sla_due_at       timestamp with time zone not null,
    protection_days  integer,
    protected_until  timestamp with time zone,
    decided_at       timestamp with time zone,
    decided_by       varchar(200),
    decision_reason  varchar(1000),
    closed_on        date,
    won_amount       bigint,
    contract_months  integer,
    vertical         varchar(100),
    refunded         bigint       not null default 0,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
create index deal_registrations_domain on deal_registrations (mode, domain);
create index deal_registrations_partner on deal_registrations (partner_id, id);
create index deal_registrations_status on deal_registrations (status, id);

-- Which registration protects a domain now; the primary key makes two approvals of the same
-- domain at the same moment impossible (the second one finds the row taken).
create table deal_protections (
    mode            varchar(8)   not null,
    domain          varchar(253) not null,
    registration_id varchar(40)  not null,
    partner_id      varchar(40)  not null,
    protected_until timestamp with time zone not null,
    primary key (mode, domain)
);

-- The owner's own pipeline, as far as conflict detection needs it.
create table owner_opportunities (
    id         varchar(40)  primary key,
    mode       varchar(8)   not null,
    company    varchar(200) not null,
    domain     varchar(253) not null,
    stage      varchar(40)  not null,
    is_open    boolean      not null,
    created_at timestamp with time zone not null
);
create index owner_opportunities_domain on owner_opportunities (mode, domain);

-- Commission plan versions; the definition (rates, term, multipliers, shares) is JSON.
create table commission_plans (
    id             varchar(40)  primary key,
    name           varchar(100) not null,
    effective_from date         not null,
    partner_type   varchar(16),                    -- null: every archetype
    definition     text         not null,
    created_at     timestamp with time zone not null
);
create index commission_plans_effective on commission_plans (effective_from);

insert into commission_plans (id, name, effective_from, partner_type, definition, created_at) values
 ('cpl_00000000000000000000000000', 'Standard', date '2000-01-01', null,
  '{"basis":"percentage","term":"one_time","recurring_months":0,"rates":{"registered":0.10,"preferred":0.15,"premier":0.20},"founding_bonus":0.05,"multipliers":[{"name":"enterprise deal","condition":"deal_size_at_least","minimum_deal_size":{"amount":10000000,"currency":"USD"},"factor":1.25},{"name":"multi-year contract","condition":"contract_months_at_least","minimum_contract_months":24,"factor":1.1}],"max_multiplier":2,"sourced_share":1,"influenced_share":0.2}',
  timestamp with time zone '2026-01-01 00:00:00+00');

create table partner_commissions (
    id                   varchar(40) primary key,
    registration_id      varchar(40) not null,
    partner_id           varchar(40) not null,
    mode                 varchar(8)  not null,
    credit_role          varchar(16) not null,     -- sourced | influenced
    revenue_ref          varchar(100) not null,    -- which revenue event of the deal
    amount               bigint      not null,
    currency             varchar(3)  not null,
    plan_id              varchar(40) not null,
    trace                text        not null,     -- JSON array: every rule that produced the amount
    flags                text,                     -- fraud rules that held it for review
    ledger_commission_id varchar(40),
    created_at           timestamp with time zone not null
);
create unique index partner_commissions_once on partner_commissions (registration_id, revenue_ref, partner_id);
create index partner_commissions_partner on partner_commissions (partner_id, id);
