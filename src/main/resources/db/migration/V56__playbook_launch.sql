-- Growth playbook: the 90-day launch tracker (tasks of the five phases, ticked and annotated by the owner's team)
-- and the register of co-marketing assets (external marketplace listings, joint webinars, case studies, ...).
-- The launch start date lives in platform_settings ('playbook.launch.start_date'); due dates are days after it.

create table playbook_launch_tasks (
    id varchar(40) primary key,
    phase varchar(30) not null,
    due_day integer not null,
    title varchar(300) not null,
    builtin boolean not null,
    done_at timestamp with time zone,
    done_by varchar(200),
    note text,
    created_at timestamp with time zone not null
);
create index playbook_launch_tasks_phase on playbook_launch_tasks (phase, due_day);

insert into playbook_launch_tasks (id, phase, due_day, title, builtin, created_at) values
    ('ltk_builtin_survey', 'FOUNDATION', 7, 'Survey customers on the tools they use daily and pick the top integration targets', true, current_timestamp),
    ('ltk_builtin_map', 'FOUNDATION', 10, 'Map the ecosystem: partners, apps, data flows and revenue channels', true, current_timestamp),
    ('ltk_builtin_levers', 'FOUNDATION', 12, 'Score the growth levers with stakeholders (impact vs effort)', true, current_timestamp),
    ('ltk_builtin_decision', 'FOUNDATION', 15, 'Make the platform decision: build, hybrid or join', true, current_timestamp),
    ('ltk_builtin_api_docs', 'API_HARDENING', 20, 'Document the public API and publish the event catalog', true, current_timestamp),
    ('ltk_builtin_sandbox', 'API_HARDENING', 23, 'Open the sandbox (test mode) and self-service API keys for partners', true, current_timestamp),
    ('ltk_builtin_scopes', 'API_HARDENING', 26, 'Define OAuth scopes, rate limits and the API deprecation policy', true, current_timestamp),
    ('ltk_builtin_first_build', 'API_HARDENING', 30, 'Build the first integration with a design partner', true, current_timestamp),
    ('ltk_builtin_shortlist', 'PARTNER_OUTREACH', 33, 'Shortlist 25 partners from the survey targets and account overlap', true, current_timestamp),
    ('ltk_builtin_program', 'PARTNER_OUTREACH', 38, 'Publish the partner program: tiers, commission plans and deal registration rules', true, current_timestamp),
    ('ltk_builtin_founding', 'PARTNER_OUTREACH', 42, 'Offer founding-partner terms to the first partners', true, current_timestamp),
    ('ltk_builtin_outreach', 'PARTNER_OUTREACH', 45, 'Reach out to the shortlist and sign the first partners', true, current_timestamp),
    ('ltk_builtin_listing', 'PORTAL_LAUNCH', 50, 'Publish the first integration listing in the marketplace', true, current_timestamp),
    ('ltk_builtin_portal', 'PORTAL_LAUNCH', 55, 'Launch the partner portal with deal registration', true, current_timestamp),
    ('ltk_builtin_templates', 'PORTAL_LAUNCH', 58, 'Publish the first integration templates in the gallery', true, current_timestamp),
    ('ltk_builtin_external', 'PORTAL_LAUNCH', 60, 'List the integration on two external marketplaces', true, current_timestamp),
    ('ltk_builtin_comarketing', 'SCALE', 70, 'Run the first joint co-marketing campaign (webinar, case study or solution brief)', true, current_timestamp),
    ('ltk_builtin_leads', 'SCALE', 75, 'Track partner-sourced leads and the first registered deals', true, current_timestamp),
    ('ltk_builtin_health', 'SCALE', 80, 'Review ecosystem health weekly and act on its warnings', true, current_timestamp),
    ('ltk_builtin_ten', 'SCALE', 90, 'Onboard partners until ten have published listings', true, current_timestamp);

create table playbook_co_marketing_assets (
    id varchar(40) primary key,
    kind varchar(30) not null,
    title varchar(200) not null,
    partner_org_id varchar(40),
    channel varchar(200),
    url varchar(2000),
    live_on date,
    created_at timestamp with time zone not null
);
create index playbook_co_marketing_kind on playbook_co_marketing_assets (kind, live_on);
