-- Referral tracking: partner links, recorded clicks, coupon codes and captured leads.
create table referral_links (
    id         varchar(40)  primary key,
    partner_id varchar(40)  not null,
    code       varchar(40)  not null,
    target_url varchar(2000) not null,
    created_at timestamp with time zone not null
);
create unique index referral_links_code on referral_links (code);
create index referral_links_partner on referral_links (partner_id, id);

create table referral_clicks (
    id         varchar(40)  primary key,
    link_id    varchar(40)  not null references referral_links (id),
    partner_id varchar(40)  not null,
    visitor_id varchar(40)  not null,             -- the first-party cookie's random id
    ip_hash    varchar(64),                       -- sha-256 of the address; the address itself is not kept
    burst      boolean      not null,             -- too many clicks from one address on this link within a minute
    clicked_at timestamp with time zone not null
);
create index referral_clicks_visitor on referral_clicks (visitor_id, clicked_at);
create index referral_clicks_burst on referral_clicks (link_id, ip_hash, clicked_at);

create table referral_coupons (
    code       varchar(40)  primary key,
    partner_id varchar(40)  not null,
    created_at timestamp with time zone not null
);

create table referral_leads (
    id          varchar(40)  primary key,
    mode        varchar(8)   not null,
    email       varchar(320) not null,
    company     varchar(200),
    domain      varchar(253),
    partner_id  varchar(40),
    attribution varchar(20),                      -- coupon | first_click | last_click | none
    click_id    varchar(40),
    coupon      varchar(40),
    flags       text,
    created_at  timestamp with time zone not null
);
create index referral_leads_partner on referral_leads (partner_id, id);
