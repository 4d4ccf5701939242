-- Growth playbook: levers and stakeholder scores, integration targets, and hand-made additions to the ecosystem map.

create table playbook_levers (
    id varchar(40) primary key,
    name varchar(200) not null,
    description varchar(1000),
    pillars varchar(200) not null,
    builtin boolean not null,
    created_at timestamp with time zone not null
);

insert into playbook_levers (id, name, description, pillars, builtin, created_at) values
    ('lev_builtin_public_api', 'Public API', 'Open, documented API with keys, scopes and a sandbox so partners can build.', 'NETWORK_EFFECTS,DATA_AMPLIFICATION', true, current_timestamp),
    ('lev_builtin_templates', 'Template marketplace', 'A gallery of ready-made workflows that showcase integrations.', 'NETWORK_EFFECTS,CROSS_SELL', true, current_timestamp),
    ('lev_builtin_webinars', 'Co-branded webinars', 'Joint webinars with partners to reach each other''s customers.', 'CROSS_SELL', true, current_timestamp),
    ('lev_builtin_ai_onboarding', 'AI-driven onboarding', 'Onboarding that suggests integrations from what a customer already uses.', 'DATA_AMPLIFICATION', true, current_timestamp),
    ('lev_builtin_community', 'In-app community', 'Customers help each other and share templates inside the product.', 'NETWORK_EFFECTS', true, current_timestamp);

create table playbook_lever_scores (
    id varchar(40) primary key,
    lever_id varchar(40) not null references playbook_levers (id),
    stakeholder varchar(200) not null,
    impact integer not null,
    effort integer not null,
    created_at timestamp with time zone not null
);
create index playbook_lever_scores_lever on playbook_lever_scores (lever_id);

create table playbook_integration_targets (
    id varchar(40) primary key,
    tool varchar(200) not null,
    score numeric(10,4) not null,
    daily_users integer not null,
    respondents integer not null,
    feasibility varchar(40) not null,
    status varchar(20) not null,
    created_at timestamp with time zone not null,
    constraint playbook_targets_tool unique (tool)
);

create table playbook_map_additions (
    id varchar(40) primary key,
    kind varchar(10) not null,
    label varchar(200) not null,
    source_node varchar(200),
    target_node varchar(200),
    flow varchar(20),
    weight bigint,
    created_at timestamp with time zone not null
);
