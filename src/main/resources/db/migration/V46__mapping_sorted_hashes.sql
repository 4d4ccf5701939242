-- Each population's account hashes, sorted and packed into one value (32 bytes each): a derived
-- copy of mapping_records.account_hmac that overlap counts are merged from when a population is
-- loaded. mapping_records stays the system of record; a missing row is rebuilt from it.
create table mapping_population_hashes (
    population_id varchar(40) primary key references mapping_populations (id),
    accounts      bigint      not null,
    hashes        bytea       not null
);
