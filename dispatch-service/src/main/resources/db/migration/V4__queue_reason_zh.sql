-- Why a trip waits, in Chinese too (the dispatch desks of Xi'an's associations read Chinese); null for trips queued
-- before it was kept, whose stored Queued events carry the English reason only.
alter table trip_view add column queue_reason_zh text;
