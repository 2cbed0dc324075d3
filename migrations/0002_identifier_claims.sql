-- Identifiers that may belong to one order only: an invoice number, a
-- tracking number, a bank serial or receipt number, a file's SHA-256. A
-- verdict claims its order's identifiers in its own transaction; the primary
-- key makes two orders checked at the same moment unable to both hold one.

-- +goose Up
create table identifier_claims (
    kind       text not null,
    value      text not null check (value <> ''),
    order_id   bigint not null references orders (id) on delete cascade,
    claimed_at timestamptz not null default now(),
    primary key (kind, value)
);
create index identifier_claims_order_idx on identifier_claims (order_id);

-- +goose Down
drop table identifier_claims;
