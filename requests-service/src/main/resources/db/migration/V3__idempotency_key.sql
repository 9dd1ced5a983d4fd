-- Idempotency-Key of POST /help-requests, per organisation: written in the submit's transaction, so a retry or a
-- concurrent copy of the same POST finds the first result instead of creating a second request.
create table idempotency_key (
    organisation_id text        not null,
    idempotency_key text        not null,
    request_hash    text        not null,
    request_id      text        not null,
    created_at      timestamptz not null default now(),
    primary key (organisation_id, idempotency_key)
);
