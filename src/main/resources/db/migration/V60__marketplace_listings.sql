-- Marketplace: listings and their versions, the review pipeline, installs, reviews, analytics, money.

-- A listing: the app's place in the marketplace. Its content lives in versions; one version at a time is published.
create table mkt_listings (
    id                   varchar(40)  primary key,
    partner_id           varchar(40)  not null,
    slug                 varchar(80)  not null,
    published_version_id varchar(40),
    app_id               varchar(40),               -- the developer platform app (OAuth client) customers authorize on install
    first_published_at   timestamp with time zone,
    suspended_at         timestamp with time zone,
    suspension_reason    text,
    tier                 varchar(16)  not null default 'listed',
    tier_changed_at      timestamp with time zone,
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null
);
create unique index mkt_listings_slug on mkt_listings (slug);
create index mkt_listings_partner on mkt_listings (partner_id, id);

-- One version of a listing's content and where it is in review. Lists are stored one item per line;
-- pricing plans and features as JSON.
create table mkt_listing_versions (
    id              varchar(40)  primary key,
    listing_id      varchar(40)  not null references mkt_listings (id),
    version_number  integer      not null,
    state           varchar(24)  not null,
    name            varchar(80)  not null,
    tagline         varchar(160),
    job             text,
    how_it_works    text,
    setup           text,
    categories      text         not null,
    keywords        text         not null,
    screenshots     text         not null,
    demo_video_url  varchar(2000),
    pricing         text         not null,
    website_url     varchar(2000),
    support_url     varchar(2000),
    privacy_url     varchar(2000),
    terms_url       varchar(2000),
    required_scopes text         not null,
    features        text         not null,
    event_types     text         not null,
    api_versions    text         not null,
    reasons         text,
    appeal          text,
    submitted_at    timestamp with time zone,
    queued_at       timestamp with time zone,
    decided_at      timestamp with time zone,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);
create unique index mkt_listing_versions_number on mkt_listing_versions (listing_id, version_number);
create index mkt_listing_versions_state on mkt_listing_versions (state, queued_at);

create table mkt_state_history (
    id          varchar(40)  primary key,
    version_id  varchar(40)  not null references mkt_listing_versions (id),
    from_state  varchar(24),
    to_state    varchar(24)  not null,
    actor       varchar(320) not null,
    note        text,
    occurred_at timestamp with time zone not null
);
create index mkt_state_history_version on mkt_state_history (version_id, id);

create table mkt_check_results (
    id          varchar(40)  primary key,
    version_id  varchar(40)  not null references mkt_listing_versions (id),
    check_name  varchar(60)  not null,
    outcome     varchar(16)  not null,
    findings    text         not null,
    checked_at  timestamp with time zone not null
);
create index mkt_check_results_version on mkt_check_results (version_id);

-- One row per listing and account: reinstalling reuses it, history is in mkt_listing_events.
create table mkt_installations (
    id               varchar(40)  primary key,
    listing_id       varchar(40)  not null references mkt_listings (id),
    account_id       varchar(40)  not null,
    account_segment  varchar(100),
    installed_by     varchar(40)  not null,
    installer_email  varchar(320) not null,
    scopes           text         not null,
    status           varchar(16)  not null,
    installed_at     timestamp with time zone not null,
    uninstalled_at   timestamp with time zone,
    activated_at     timestamp with time zone,
    review_asked_at  timestamp with time zone,     -- the review-ask email went out (once per install)
    review_prompted_at timestamp with time zone    -- the product showed the in-app review prompt (once per install)
);
create unique index mkt_installations_pair on mkt_installations (listing_id, account_id);
create index mkt_installations_account on mkt_installations (account_id);

create table mkt_reviews (
    id           varchar(40)  primary key,
    listing_id   varchar(40)  not null references mkt_listings (id),
    account_id   varchar(40)  not null,
    author_id    varchar(40)  not null,
    author_name  varchar(200) not null,
    stars        integer      not null check (stars between 1 and 5),
    body         text         not null,
    app_version  varchar(40),
    status       varchar(16)  not null,
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null,
    reply_body   text,
    reply_at     timestamp with time zone
);
-- One review per account and app, also when two requests race.
create unique index mkt_reviews_one_per_account on mkt_reviews (listing_id, account_id);

create table mkt_review_reports (
    id          varchar(40)  primary key,
    review_id   varchar(40)  not null references mkt_reviews (id),
    reporter    varchar(320) not null,
    reason      text         not null,
    status      varchar(16)  not null,
    created_at  timestamp with time zone not null,
    resolved_at timestamp with time zone,
    resolved_by varchar(320),
    resolution  varchar(16)
);
create index mkt_review_reports_status on mkt_review_reports (status, id);

-- Append-only funnel and lifecycle events: view, install_click, consent_shown, installed, uninstalled, activated.
create table mkt_listing_events (
    id          varchar(40)  primary key,
    listing_id  varchar(40)  not null,
    kind        varchar(24)  not null,
    account_id  varchar(40),
    scopes      text,
    occurred_on date         not null,
    occurred_at timestamp with time zone not null
);
create index mkt_listing_events_listing on mkt_listing_events (listing_id, occurred_on);

create table mkt_collections (
    id          varchar(40)  primary key,
    slug        varchar(80)  not null,
    title       varchar(120) not null,
    listing_ids text         not null,
    position    integer      not null,
    created_at  timestamp with time zone not null
);
create unique index mkt_collections_slug on mkt_collections (slug);

create table mkt_certification_history (
    id          varchar(40)  primary key,
    listing_id  varchar(40)  not null references mkt_listings (id),
    from_tier   varchar(16)  not null,
    to_tier     varchar(16)  not null,
    reason      text         not null,
    occurred_at timestamp with time zone not null
);

-- Health of an app as the product measures it (API error rate) and webhook delivery success.
create table mkt_listing_health (
    listing_id           varchar(40)  primary key references mkt_listings (id),
    webhook_success_rate numeric(7,6),
    api_error_rate       numeric(7,6),
    reported_at          timestamp with time zone not null
);

-- The owner's fee schedule; the newest row applies.
create table mkt_fee_schedules (
    id          varchar(40)  primary key,
    definition  text         not null,
    created_by  varchar(320) not null,
    created_at  timestamp with time zone not null
);

create table mkt_sales (
    id              varchar(40)  primary key,
    listing_id      varchar(40)  not null references mkt_listings (id),
    partner_id      varchar(40)  not null,
    account_id      varchar(40)  not null,
    plan_name       varchar(80)  not null,
    seats           integer      not null,
    gmv_amount      bigint       not null,
    fee_amount      bigint       not null,
    partner_amount  bigint       not null,
    currency        varchar(3)   not null,
    occurred_at     timestamp with time zone not null
);
create index mkt_sales_partner on mkt_sales (partner_id, occurred_at);

-- What the marketplace posted to the ledger: GMV, the partner's share and the platform fee of each sale.
create table mkt_revenue_postings (
    id          varchar(40)  primary key,
    sale_id     varchar(40)  not null references mkt_sales (id),
    kind        varchar(24)  not null,
    partner_id  varchar(40)  not null,
    amount      bigint       not null,
    currency    varchar(3)   not null,
    ledger_transaction_id varchar(40),              -- the ledger module's transaction of the sale
    posted_at   timestamp with time zone not null
);
create index mkt_revenue_postings_sale on mkt_revenue_postings (sale_id);
