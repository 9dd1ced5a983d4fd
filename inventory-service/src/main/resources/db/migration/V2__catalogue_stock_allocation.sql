-- Read models for the catalogue, donations, the stock ledger and allocation (all rebuildable from the event store).
create table warehouse_view (
    id            text primary key,
    name          text        not null,
    district      text        not null,
    address       text,
    registered_at timestamptz not null,
    version       bigint      not null
);

create table item_view (
    code           text primary key,
    name_zh        text        not null,
    name_en        text        not null,
    category       text        not null,
    unit           text        not null,
    unit_weight_kg numeric,
    unit_volume_m3 numeric,
    perishable     boolean     not null,
    registered_at  timestamptz not null,
    version        bigint      not null
);

create table donation_view (
    donation_id           text primary key,
    donor_organisation_id text        not null,
    warehouse_id          text        not null,
    value_yuan            numeric,
    note                  text,
    lots                  jsonb       not null,
    received_at           timestamptz not null
);

-- Current position per lot; the checks are a last guard behind the StockItem invariants and the advisory lock.
create table stock_position (
    item                  text    not null,
    lot_id                text    not null,
    warehouse_id          text    not null,
    lot_code              text,
    donation_id           text,
    donor_organisation_id text,
    expires_on            date,
    on_hand               numeric not null,
    reserved              numeric not null,
    primary key (item, lot_id),
    constraint stock_position_on_hand_not_negative check (on_hand >= 0),
    constraint stock_position_reserved_within_on_hand check (reserved >= 0 and reserved <= on_hand)
);
create index stock_position_warehouse on stock_position (warehouse_id, item);

-- Every ledger entry, to find an entry's item for a reversal and to trace lots to requests.
create table stock_entry (
    entry_id     text primary key,
    item         text        not null,
    kind         text        not null,
    warehouse_id text        not null,
    lot_id       text        not null,
    request_id   text,
    quantity     numeric     not null,
    reason       text,
    occurred_at  timestamptz not null
);
create index stock_entry_lot on stock_entry (item, lot_id);

alter table reservation_view
    add column vulnerabilities jsonb not null default '[]',
    add column submitted_at    timestamptz,
    add column expires_at      timestamptz,
    add column explanation     jsonb not null default '[]',
    add column updated_at      timestamptz;
update reservation_view set submitted_at = opened_at, updated_at = opened_at;
-- lines now carry what is reserved per line (the v1 shape had item, quantity, unit only)
update reservation_view set lines = (
    select coalesce(jsonb_agg(jsonb_build_object('item', l.v -> 'item', 'unit', l.v -> 'unit', 'requested', l.v -> 'quantity',
                                                 'reserved', 0, 'allocations', '[]'::jsonb) order by l.i), '[]'::jsonb)
    from jsonb_array_elements(lines) with ordinality l(v, i));
create index reservation_view_waiting on reservation_view (status) where status in ('OPEN', 'WAITING', 'PARTIALLY_RESERVED');
create index reservation_view_expiry on reservation_view (expires_at) where status in ('RESERVED', 'PARTIALLY_RESERVED');
