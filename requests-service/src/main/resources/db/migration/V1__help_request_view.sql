-- Read model of help requests (rebuildable from the event store).
create table help_request_view (
    id              text primary key,
    organisation_id text        not null,
    status          text        not null,
    priority        text        not null,
    community       text        not null,
    district        text        not null,
    address         text,
    contact_name    text,
    contact_phone   text,
    lines           jsonb       not null,
    note            text,
    reservation_id  text,
    needed_by       timestamptz,
    submitted_at    timestamptz not null,
    updated_at      timestamptz not null,
    version         bigint      not null
);
create index help_request_view_org on help_request_view (organisation_id, submitted_at desc);
create index help_request_view_status on help_request_view (status, priority);
create index help_request_view_district on help_request_view (district);
