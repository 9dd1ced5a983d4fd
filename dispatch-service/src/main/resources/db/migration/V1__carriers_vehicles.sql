-- Read models of carriers and vehicles (rebuildable from the event store).
create table carrier_view (
    id              text primary key,
    organisation_id text        not null,
    name            text        not null,
    kind            text        not null,
    association     text,
    contact_phone   text        not null,
    registered_at   timestamptz not null,
    version         bigint      not null
);
create index carrier_view_organisation on carrier_view (organisation_id);

create table vehicle_view (
    id                    text primary key,
    carrier_id            text          not null references carrier_view (id),
    organisation_id       text          not null,
    kind                  text          not null,
    plate                 text          not null,
    payload_kg            numeric(12, 3) not null,
    volume_m3             numeric(12, 3) not null,
    seats                 integer       not null,
    wheelchair_accessible boolean       not null,
    home_district         text          not null,
    driver_name           text,
    driver_phone          text,
    available             boolean       not null,
    availability_reason   text,
    windows               jsonb         not null,
    registered_at         timestamptz   not null,
    version               bigint        not null
);
-- one plate, one vehicle: the guard against two concurrent registrations, inside the appending transaction
create unique index vehicle_view_plate on vehicle_view (plate);
create index vehicle_view_organisation on vehicle_view (organisation_id);
create index vehicle_view_carrier on vehicle_view (carrier_id);
