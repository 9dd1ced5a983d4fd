-- Read model of volunteers (rebuildable from the event store).
create table volunteer_view (
    id              text primary key,
    organisation_id text        not null,
    name            text        not null,
    phone           text        not null,
    district        text        not null,
    skills          jsonb       not null,
    note            text,
    active          boolean     not null,
    deactivation_reason text,
    windows         jsonb       not null,
    registered_at   timestamptz not null,
    version         bigint      not null
);
create index volunteer_view_organisation on volunteer_view (organisation_id);
create index volunteer_view_district on volunteer_view (district);

-- the windows again, one row each, so that "available at t" is an indexed range query rather than a jsonb scan
create table volunteer_window (
    volunteer_id text        not null references volunteer_view (id),
    from_at      timestamptz not null,
    to_at        timestamptz not null,
    primary key (volunteer_id, from_at)
);
create index volunteer_window_range on volunteer_window (from_at, to_at);
