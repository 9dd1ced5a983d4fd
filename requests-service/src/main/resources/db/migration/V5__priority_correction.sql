-- Issue 11: ops correct a request's priority and vulnerability flags (PriorityCorrected). The view keeps what the
-- partner submitted beside the corrected values, and how often ops corrected it, for the intake shares
-- (GET /ops/intake-shares). Rows written before carry no correction: what they show is what was submitted.
alter table help_request_view
    add column submitted_priority        text,
    add column submitted_vulnerabilities jsonb   not null default '[]',
    add column priority_corrections      integer not null default 0;

update help_request_view set submitted_priority = priority, submitted_vulnerabilities = vulnerabilities;

alter table help_request_view alter column submitted_priority set not null;

-- the intake shares read every request submitted since an instant, grouped by organisation
create index help_request_view_intake on help_request_view (submitted_at, organisation_id);
