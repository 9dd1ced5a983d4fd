-- Issue 4: dispatch's TripPickedUp stops a reservation's expiry (the goods are on their way).
alter table reservation_view add column picked_up_at timestamptz;

-- A pickup reported before inventory took the request on (events cross topics in any order): kept here and applied
-- when the reservation opens, so it is never dropped.
create table transport_pickup_waiting (
    request_id   text        not null,
    trip_id      text        not null,
    picked_up_at timestamptz not null,
    primary key (request_id, trip_id)
);
