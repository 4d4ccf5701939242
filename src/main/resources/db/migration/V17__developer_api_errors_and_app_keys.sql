-- Developer platform: API calls that failed on the client's side (4xx except 429) per client and day, and which keys belong to which app.
alter table developer_api_usage add column client_errors bigint not null default 0;

create table developer_app_keys (
    key_id  varchar(40) primary key,
    app_id  varchar(40) not null
);
create index developer_app_keys_app on developer_app_keys (app_id);
