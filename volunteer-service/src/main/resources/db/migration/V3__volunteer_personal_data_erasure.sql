-- Erasure of a volunteer's name, phone and note (crypto-shredding, docs/privacy.md): when it happened.
alter table volunteer_view add column personal_data_erased_at timestamptz;
