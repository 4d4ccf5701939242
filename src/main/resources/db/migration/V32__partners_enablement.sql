-- Enablement: courses and certifications partner staff complete. Valid certifications and recent
-- completions feed the tier rules.
create table enablement_courses (
    id            varchar(40)  primary key,
    title         varchar(200) not null,
    kind          varchar(16)  not null,           -- course | certification
    validity_days integer,                         -- certifications expire this many days after completion
    created_at    timestamp with time zone not null
);

create table enablement_completions (
    id           varchar(40)  primary key,
    course_id    varchar(40)  not null references enablement_courses (id),
    partner_id   varchar(40)  not null,
    user_email   varchar(320) not null,
    completed_at timestamp with time zone not null,
    expires_at   timestamp with time zone,
    created_at   timestamp with time zone not null
);
create index enablement_completions_partner on enablement_completions (partner_id, completed_at);
