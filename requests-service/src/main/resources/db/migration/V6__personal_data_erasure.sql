-- Erasure of a request's personal data (crypto-shredding, docs/privacy.md): when it happened, for the retention job.
-- match_key held a ride's passenger and pickup or a visit's person in plain text; it is a digest now (DuplicateKeys).
-- Existing plain keys are cleared: those requests are no longer found as look-alikes of new ones.
alter table help_request_view add column personal_data_erased_at timestamptz;
update help_request_view set match_key = null where kind in ('RIDE', 'CARE');
