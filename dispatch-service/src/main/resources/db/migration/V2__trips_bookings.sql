-- Trips, what dispatch knows about the requests it serves, and the vehicle bookings (issue 4).

-- What dispatch remembers of a help request (projection of the transport-request stream): where the goods go, the
-- ride asked for, the latest cumulative stock allocation, and whether the request or its reservation has ended.
create table transport_request (
    request_id          text primary key,
    organisation_id     text,
    kind                text,
    priority            text,
    community           text,
    district            text,
    address             text,
    ride                jsonb,
    submitted_at        timestamptz,
    allocation          jsonb,
    allocation_expires_at timestamptz,
    allocated_at        timestamptz,
    reservation_closed  text,
    cancelled_at        timestamptz,
    version             bigint not null
);

create table trip_view (
    id                      text primary key,
    kind                    text          not null,
    request_id              text          not null,
    organisation_id         text,
    priority                text          not null,
    priority_rank           integer       not null,
    status                  text          not null,
    from_place              jsonb         not null,
    to_place                jsonb         not null,
    warehouse_id            text,
    lines                   jsonb         not null,
    loaded                  jsonb,
    weight_kg               numeric(14, 3) not null,
    volume_m3               numeric(14, 4) not null,
    ride                    jsonb,
    vehicle_id              text,
    vehicle_organisation_id text,
    plate                   text,
    window_start            timestamptz,
    window_end              timestamptz,
    replan_of               text,
    replacement_trip_id     text,
    queue_reason            text,
    queued_at               timestamptz,
    overdue                 boolean       not null default false,
    explanation             jsonb         not null,
    created_at              timestamptz   not null,
    updated_at              timestamptz   not null,
    version                 bigint        not null
);
create index trip_view_request on trip_view (request_id);
create index trip_view_vehicle on trip_view (vehicle_id);
-- the queue: QUEUED trips by priority, then by how long they have waited
create index trip_view_queue on trip_view (priority_rank, queued_at) where status = 'QUEUED';
create index trip_view_status on trip_view (status, created_at);

-- The vehicle invariant lives here, not only in code: two bookings of one vehicle never overlap, whatever the
-- number of consumers and replicas deciding at the same moment.
create extension if not exists btree_gist;
create table vehicle_booking (
    trip_id    text primary key,
    vehicle_id text      not null,
    period     tstzrange not null,
    constraint vehicle_booking_no_overlap exclude using gist (vehicle_id with =, period with &&)
);

-- ride matching reads taxis by kind and availability (then district), never the whole fleet
create index vehicle_view_dispatchable on vehicle_view (kind, available, home_district);
