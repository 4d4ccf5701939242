-- Paid templates: a price per template, and the purchases the product reports. Each purchase is
-- posted once to the ledger (GMV, the contributor's share, the owner's fee); the unique
-- (buyer, reference) pair makes a retried or concurrent report record one purchase.

create table community_template_prices (
    template_id varchar(40) primary key references community_templates (id),
    amount      bigint      not null,
    currency    varchar(3)  not null,
    updated_by  varchar(200) not null,
    updated_at  timestamp with time zone not null
);

create table community_purchases (
    id                     varchar(40)  primary key,
    template_id            varchar(40)  not null references community_templates (id),
    template_version       integer      not null,
    author_org_id          varchar(40)  not null,
    buyer_org_id           varchar(40)  not null,
    reference              varchar(200) not null,
    currency               varchar(3)   not null,
    gmv_amount             bigint       not null,
    contributor_amount     bigint       not null,
    fee_amount             bigint       not null,
    ledger_transaction_id  varchar(40),
    purchased_at           timestamp with time zone not null,
    recorded_at            timestamp with time zone not null,
    refunded_at            timestamp with time zone,
    refund_reason          varchar(500),
    refund_transaction_id  varchar(40),
    constraint community_purchases_reference unique (buyer_org_id, reference)
);
create index community_purchases_template on community_purchases (template_id);
create index community_purchases_author on community_purchases (author_org_id, purchased_at);
create index community_purchases_buyer on community_purchases (buyer_org_id, template_id);
