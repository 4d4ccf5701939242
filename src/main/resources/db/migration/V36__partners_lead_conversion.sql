-- A referral lead the owner turned into a deal registration remembers which one (once).
alter table referral_leads add column registration_id varchar(40);
