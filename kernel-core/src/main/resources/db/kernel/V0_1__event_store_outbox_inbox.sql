-- Event-sourcing kernel tables. Every service database carries them; kernel migrations are numbered 0.x so that
-- they run before a service's own (V1, V2, ...).

-- The event store: the source of truth. One row per event, a stream per aggregate.
create table event_store (
    global_position bigserial   primary key,
    -- the writing transaction; readers of the global stream order by (tx_id, global_position) and only read
    -- below the oldest transaction still running, so a late commit with a lower position is never skipped
    tx_id           xid8        not null default pg_current_xact_id(),
    stream_id       text        not null,
    stream_type     text        not null,
    version         bigint      not null,
    event_id        uuid        not null,
    event_type      text        not null,
    schema_version  int         not null,
    payload         jsonb       not null,
    occurred_at     timestamptz not null,
    correlation_id  text,
    causation_id    text,
    actor           text,
    organisation_id text,
    traceparent     text,
    -- optimistic concurrency: two appends at the same expected version cannot both commit
    constraint event_store_stream_version unique (stream_id, version),
    constraint event_store_event_id unique (event_id)
);
create index event_store_tx_position on event_store (tx_id, global_position);
create index event_store_correlation on event_store (correlation_id);

-- Transactional outbox: integration events written in the same transaction as the events that caused them,
-- published to Kafka by the relay (at least once; consumers deduplicate by event id).
create table outbox (
    id           bigserial   primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    message_key  text        not null,
    event_type   text        not null,
    headers      jsonb       not null,
    payload      text        not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index outbox_unpublished on outbox (id) where published_at is null;

-- Idempotent consumption: a row per (consumer, event) written in the same transaction as the consumer's effect.
create table inbox (
    consumer    text        not null,
    event_id    uuid        not null,
    event_type  text        not null,
    received_at timestamptz not null default now(),
    primary key (consumer, event_id)
);

-- Events a consumer could not apply after its retries, parked with everything needed to replay them. While a key
-- has a parked event, later events of the same key are parked behind it, so per-key order is never broken.
create table parked_event (
    id            bigserial   primary key,
    consumer      text        not null,
    message_key   text        not null,
    event_id      uuid        not null,
    event_type    text,
    topic         text        not null,
    kafka_partition int       not null,
    kafka_offset  bigint      not null,
    headers       jsonb       not null,
    payload       text,
    error         text        not null,
    parked_at     timestamptz not null default now(),
    resolved_at   timestamptz,
    constraint parked_event_once unique (consumer, event_id)
);
create index parked_event_open on parked_event (consumer, message_key) where resolved_at is null;
