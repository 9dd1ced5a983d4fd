-- Volunteer calls and their assignments (read models, rebuildable from the volunteer-call streams), and the
-- bookings that make double booking impossible.
create extension if not exists btree_gist;

create table volunteer_call_view (
    id              text primary key,
    request_id      text,
    trip_id         text,
    organisation_id text,
    purpose         text        not null,
    skill           text,
    skill_note      text,
    needed          int         not null,
    assigned        int         not null default 0,
    district        text        not null,
    place           text        not null,
    description     text,
    window_start    timestamptz not null,
    window_end      timestamptz not null,
    status          text        not null,
    short           boolean     not null default false,
    short_reason    text,
    opened_at       timestamptz not null,
    completed_at    timestamptz,
    cancelled_at    timestamptz,
    cancel_reason   text,
    person_times    int,
    hours           numeric(10, 2),
    version         bigint      not null
);
create index volunteer_call_request on volunteer_call_view (request_id);
create index volunteer_call_trip on volunteer_call_view (trip_id);
create index volunteer_call_district on volunteer_call_view (district, window_start);
-- the waitlist: open calls, earliest window first
create index volunteer_call_waitlist on volunteer_call_view (window_start) where status = 'OPEN';

create table volunteer_assignment_view (
    id              text primary key,
    call_id         text        not null references volunteer_call_view (id),
    volunteer_id    text        not null,
    volunteer_name  text        not null,
    organisation_id text        not null,
    status          text        not null,
    hours           numeric(10, 2),
    reason          text,
    offered_at      timestamptz not null,
    answered_at     timestamptz,
    ended_at        timestamptz
);
create index volunteer_assignment_call on volunteer_assignment_view (call_id);
create index volunteer_assignment_volunteer on volunteer_assignment_view (volunteer_id, status);
create index volunteer_assignment_completed on volunteer_assignment_view (organisation_id) where status = 'COMPLETED';

-- One row per assignment holding a volunteer (offered or accepted). The exclusion constraint is the guarantee: two
-- transactions booking one volunteer for overlapping periods cannot both commit, whatever the application does.
create table volunteer_booking (
    assignment_id text primary key,
    volunteer_id  text      not null,
    call_id       text      not null,
    period        tstzrange not null,
    constraint volunteer_booking_no_overlap exclude using gist (volunteer_id with =, period with &&)
);

-- calls of requests or trips that were cancelled, kept so that an event about them that arrives later (from another
-- topic, in another order) opens nothing
create table saga_cancellation (
    kind         text        not null,
    id           text        not null,
    reason       text,
    cancelled_at timestamptz not null,
    primary key (kind, id)
);
