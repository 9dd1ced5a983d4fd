-- Read model of stock reservations, one per help request (rebuildable from the event store).
create table reservation_view (
    request_id      text primary key,
    reservation_id  text        not null unique,
    organisation_id text        not null,
    priority        text        not null,
    district        text,
    status          text        not null,
    lines           jsonb       not null,
    opened_at       timestamptz not null,
    version         bigint      not null
);
