-- Idempotency keys moved into the kernel's idempotency_record (kernel V0_2, shared by every service's creating
-- POSTs): the keys already given out by POST /help-requests keep working, scoped as before by organisation.
insert into idempotency_record (scope, operation, idempotency_key, request_hash, resource_id, created_at)
select organisation_id, 'help-requests', idempotency_key, request_hash, request_id, created_at
from idempotency_key
on conflict do nothing;
drop table idempotency_key;
