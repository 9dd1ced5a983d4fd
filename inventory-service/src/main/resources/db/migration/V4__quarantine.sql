-- Issue 10, path 4: units rejected at a delivery go to quarantine: on hand, never available, never reservable, until
-- ops writes them off or releases them (each an entry on the stock ledger). Rebuildable from the event store.
alter table stock_position add column quarantined numeric not null default 0;
alter table stock_position drop constraint stock_position_reserved_within_on_hand;
alter table stock_position add constraint stock_position_held_within_on_hand
    check (reserved >= 0 and quarantined >= 0 and reserved + quarantined <= on_hand);

-- one row per quarantine (its id is the Quarantined ledger entry); status QUARANTINED, WRITTEN_OFF or RELEASED
create table quarantine (
    id              text primary key,
    item            text        not null,
    warehouse_id    text        not null,
    lot_id          text        not null,
    request_id      text,
    quantity        numeric     not null check (quantity > 0),
    reason          text,
    status          text        not null,
    quarantined_at  timestamptz not null,
    settled_entry_id text,
    settled_at      timestamptz,
    note            text
);
create index quarantine_open on quarantine (item, quarantined_at) where status = 'QUARANTINED';
