-- Data keys of data subjects (crypto-shredding, kernel PersonalDataVault): personal fields in events, views and Kafka
-- records are sealed with the subject's key. wrapped_key is the key wrapped under the platform's key-encryption key;
-- erasing sets it to null and keeps the row, so a key that arrives late from the keys topic is not taken in again.
create table personal_data_key (
    subject_id  text        primary key,
    wrapped_key bytea,
    issued_at   timestamptz not null default now(),
    erased_at   timestamptz,
    constraint personal_data_key_live_or_erased check ((wrapped_key is null) = (erased_at is not null))
);
