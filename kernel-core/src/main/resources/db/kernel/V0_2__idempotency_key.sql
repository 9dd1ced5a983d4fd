-- Idempotency-Key of the POSTs that create something, for every service: one row per (scope, operation, key),
-- written in the creating transaction, so a retry or a concurrent copy of the same POST finds the first result
-- instead of creating a second resource. scope is the organisation the caller acted for (or ops:<user> when ops
-- acts for none); operation names the endpoint (help-requests, donations, ...). Named idempotency_record because
-- requests-service already had its own idempotency_key table (its V4 moves those rows here).
create table idempotency_record (
    scope           text        not null,
    operation       text        not null,
    idempotency_key text        not null,
    -- SHA-256 of the canonical JSON of the parsed body: the same key with another body is refused (422)
    request_hash    text        not null,
    resource_id     text        not null,
    created_at      timestamptz not null default now(),
    primary key (scope, operation, idempotency_key)
);
