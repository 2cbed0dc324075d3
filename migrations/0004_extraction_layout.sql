-- What a reader saw of each document, kept for the cross-check: the
-- positioned text rows (so that a value the order expects can be looked
-- for where no label gave it), for a page holding several documents (two
-- receipts on one A4) each one as read, and the kind its title reads as.

-- +goose Up
alter table extractions
    add column layout jsonb not null default '[]',
    add column slips jsonb not null default '[]',
    add column detected_kind text not null default '';

-- +goose Down
alter table extractions drop column layout, drop column slips, drop column detected_kind;
