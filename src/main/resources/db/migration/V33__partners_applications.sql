-- Public applications to join the partner program, reviewed by the owner.
create table partner_applications (
    id              varchar(40)  primary key,
    company         varchar(200) not null,
    domain          varchar(253),
    partner_type    varchar(16)  not null,
    contact_name    varchar(200) not null,
    contact_email   varchar(320) not null,
    message         varchar(2000),
    status          varchar(16)  not null,        -- submitted | approved | rejected
    decided_at      timestamp with time zone,
    decided_by      varchar(200),
    decision_reason varchar(1000),
    partner_id      varchar(40),
    created_at      timestamp with time zone not null
);
create index partner_applications_status on partner_applications (status, id);
