-- Issue 11: an operator's request for a document names which one, and the
-- supplier sees it on the order and its list until it is answered.

-- +goose Up
alter table review_decisions add column requested_kind text
    check (requested_kind is null or requested_kind in ('contract', 'payment', 'logistics', 'invoice', 'acceptance'));

-- +goose Down
alter table review_decisions drop column requested_kind;
