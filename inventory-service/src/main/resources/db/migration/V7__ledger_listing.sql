-- GET /stock/ledger lists ledger entries newest first, by item, warehouse or request
create index stock_entry_time on stock_entry (occurred_at desc, entry_id);
create index stock_entry_request on stock_entry (request_id) where request_id is not null;
