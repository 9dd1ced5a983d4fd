-- Issue 9: allocation explanations in Chinese too, line by line beside the English ones. Rows of allocations made
-- before keep an empty list (their events carry no Chinese text); a projection rebuild gives the same.
alter table reservation_view add column explanation_zh jsonb not null default '[]';
