-- Issue 3: three kinds of request, the derived lifecycle, likely duplicates and escalation deadlines.
alter table help_request_view
    add column kind                   text    not null default 'SUPPLIES',
    add column vulnerabilities        jsonb   not null default '[]',
    add column ride                   jsonb,
    add column care                   jsonb,
    add column reservation_expires_at timestamptz,
    add column likely_duplicate_of    text,
    add column cancellation_reason    text,
    add column status_changed_at      timestamptz,
    add column progress_deadline      timestamptz,
    add column overdue                boolean not null default false,
    add column escalated_at           timestamptz,
    -- the domain fold (RequestState) the status is derived from
    add column state                  jsonb,
    -- normalised forms for duplicate detection and filters
    add column community_key          text,
    add column district_key           text,
    add column match_key              text;

-- views written before this migration: requested quantities in the new line shape, keys from the stored names
update help_request_view v set
    lines = coalesce((select jsonb_agg(jsonb_build_object(
                'item', l ->> 'item', 'unit', l ->> 'unit', 'requested', l -> 'quantity',
                'reserved', 0, 'inTransit', 0, 'delivered', 0, 'rejected', 0,
                'reservedProgress', 'NONE', 'inTransitProgress', 'NONE', 'deliveredProgress', 'NONE'))
             from jsonb_array_elements(v.lines) l), '[]'::jsonb),
    community_key = lower(regexp_replace(community, '\s+', '', 'g')),
    district_key = lower(regexp_replace(district, '\s+', '', 'g')),
    status_changed_at = updated_at;

-- list filters, newest first
drop index help_request_view_status;
drop index help_request_view_district;
create index help_request_view_status on help_request_view (status, submitted_at desc);
create index help_request_view_district on help_request_view (district_key, submitted_at desc);
create index help_request_view_priority on help_request_view (priority, submitted_at desc);
create index help_request_view_kind on help_request_view (kind, submitted_at desc);
create index help_request_view_submitted on help_request_view (submitted_at desc);
create index help_request_view_overdue on help_request_view (submitted_at desc) where overdue;
-- likely duplicates: the look-up on submit, and the links shown on the original
create index help_request_view_lookalike on help_request_view (kind, community_key, district_key, match_key, submitted_at);
create index help_request_view_duplicate_of on help_request_view (likely_duplicate_of) where likely_duplicate_of is not null;
-- the escalation job's pick: open deadlines only
create index help_request_view_deadline on help_request_view (progress_deadline)
    where not overdue and progress_deadline is not null;
