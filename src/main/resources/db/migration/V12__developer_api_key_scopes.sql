-- API keys limited to scopes (null = everything the organization may do). The developer module
-- enforces them; identity stores them with the key.
alter table api_keys add column scopes varchar(2000);
