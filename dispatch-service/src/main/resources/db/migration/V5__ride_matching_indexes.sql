-- Ride matching whose cost follows the candidates it returns, not the fleet and the booking history
-- (VehicleBookings.rideCandidates, docs/benchmarks.md).

-- Taxis in the order the matcher wants them: by accessibility, then (pickup district first) by a per-vehicle hash,
-- so that a scan started at a per-trip offset in that hash order probes the bookings taxi by taxi and stops at the
-- last candidate it needs. One index for the pickup-district pass, one for the pass over the other districts.
create index vehicle_view_ride_district
    on vehicle_view (kind, available, wheelchair_accessible, home_district, hashtext(id), id);
create index vehicle_view_ride_spread
    on vehicle_view (kind, available, wheelchair_accessible, hashtext(id), id);

-- The per-taxi probe of its bookings: those of the vehicle that end at or after the ride's start (a past booking is
-- never read, an open-ended one ends at infinity), with the period to test the overlap without the heap. Keyed under
-- the "C" collation, which the query names too, so that the planner takes this b-tree and not the exclusion
-- constraint's GiST index (whose probe measured about five times dearer; equality of text is the same under both).
create index vehicle_booking_vehicle_until
    on vehicle_booking ((vehicle_id collate "C"), (coalesce(upper(period), 'infinity'::timestamptz))) include (period);

-- Whether a ride (transport_request.ride as the projection writes it) asks for a wheelchair: the test
-- VehicleBookings.wheelchairRidesWaiting made inline, as a function so that a partial index can name it.
create function dispatch_ride_needs_wheelchair(ride jsonb) returns boolean
    language sql immutable parallel safe
as $$
select exists (select 1 from jsonb_array_elements_text(case when jsonb_typeof(ride -> 'accessibility') = 'array'
                   then ride -> 'accessibility' else '[]'::jsonb end) a
               where upper(btrim(a)) = 'WHEELCHAIR')
$$;

-- The end of a ride's window: an ISO instant or epoch seconds, whichever the mapper wrote. Text to timestamptz is
-- only stable in general (the session's time zone for text without an offset); fixing the zone and date style here
-- makes the result depend on the text alone, as an index needs.
create function dispatch_ride_window_end(ride jsonb) returns timestamptz
    language sql immutable parallel safe
    set timezone = 'UTC' set datestyle = 'ISO, YMD'
as $$
select case when jsonb_typeof(ride -> 'windowEnd') = 'number' then to_timestamp((ride ->> 'windowEnd')::double precision)
            else (ride ->> 'windowEnd')::timestamptz end
$$;

-- Wheelchair rides not cancelled, by the end of their window: the rides that may still wait are those whose window
-- ends after the moment asked about, so past exam days are never read.
create index transport_request_wheelchair_rides
    on transport_request (dispatch_ride_window_end(ride))
    where kind = 'RIDE' and cancelled_at is null and dispatch_ride_needs_wheelchair(ride);
