-- Erasure of a vehicle's driver name and phone (crypto-shredding, docs/privacy.md): when it happened.
alter table vehicle_view add column driver_data_erased_at timestamptz;
