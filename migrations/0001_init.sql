-- heshi's schema. River's own tables are migrated separately by `heshi migrate`
-- (rivermigrate) before this file runs.

-- +goose Up
create table divisions (
    code      text primary key check (code ~ '^[0-9]{6}$'),
    name      text not null,
    city_code text check (city_code ~ '^[0-9]{6}$'),
    city_name text not null default ''
);

create table buyers (
    id            text primary key,
    name          text not null check (name <> ''),
    uscc          text not null default '',
    division_code text not null references divisions (code),
    kind          text not null check (kind in ('budget_unit', 'union', 'individual'))
);

create table suppliers (
    id            text primary key,
    name          text not null check (name <> ''),
    uscc          text not null,
    division_code text not null references divisions (code),
    bank_name     text not null,
    bank_account  text not null,
    admitted      boolean not null default true
);

create table products (
    sku         text primary key,
    supplier_id text not null references suppliers (id),
    name        text not null,
    category    text not null check (category in ('rice', 'oil', 'vegetable', 'tea', 'mushroom', 'fruit')),
    unit        text not null
);

-- An order's status: awaiting_documents until all five kinds are present,
-- checking while extraction and the cross-check run, then verified or
-- needs_review (and rejected, by an operator). Only verified orders count.
create table orders (
    id                bigint generated always as identity primary key,
    order_no          text not null unique,
    buyer_id          text not null references buyers (id),
    supplier_id       text not null references suppliers (id),
    order_date        date not null,
    total_fen         bigint not null check (total_fen >= 0),
    status            text not null default 'awaiting_documents'
        check (status in ('awaiting_documents', 'checking', 'verified', 'needs_review', 'rejected')),
    -- Set when verified evidence changed: the order goes back to a person
    -- even if the new evidence checks clean. Cleared by an operator's decision.
    requires_review   boolean not null default false,
    status_changed_at timestamptz not null default now(),
    created_at        timestamptz not null default now()
);
create index orders_status_idx on orders (status);
create index orders_supplier_idx on orders (supplier_id);
create index orders_buyer_idx on orders (buyer_id);

create table order_lines (
    order_id       bigint not null references orders (id) on delete cascade,
    line_no        int not null,
    sku            text not null references products (sku),
    quantity_milli bigint not null check (quantity_milli > 0),
    unit_price_fen bigint not null check (unit_price_fen >= 0),
    amount_fen     bigint not null check (amount_fen >= 0),
    primary key (order_id, line_no)
);

create table order_status_history (
    id          bigint generated always as identity primary key,
    order_id    bigint not null references orders (id) on delete cascade,
    from_status text not null,
    to_status   text not null,
    actor       text not null,
    reason      text not null default '',
    at          timestamptz not null default now()
);
create index order_status_history_order_idx on order_status_history (order_id, id);

-- Every uploaded file is a new version of one of the order's five documents.
-- Objects are content-addressed (sha256/<hex>): the same bytes are stored once.
create table documents (
    id            bigint generated always as identity primary key,
    order_id      bigint not null references orders (id) on delete cascade,
    kind          text not null check (kind in ('contract', 'payment', 'logistics', 'invoice', 'acceptance')),
    version       int not null check (version > 0),
    sha256        bytea not null check (length(sha256) = 32),
    size_bytes    bigint not null check (size_bytes >= 0),
    media_type    text not null,
    object_key    text not null,
    original_name text not null default '',
    uploaded_by   text not null,
    uploaded_at   timestamptz not null default now(),
    unique (order_id, kind, version)
);
create index documents_sha256_idx on documents (sha256);

-- The current document of each kind of each order: its latest version.
create view current_documents as
select distinct on (order_id, kind) *
from documents
order by order_id, kind, version desc;

create table extractions (
    document_id  bigint primary key references documents (id) on delete cascade,
    source       text not null,
    readable     boolean not null,
    reason       text not null default '',
    fields       jsonb not null default '{}', -- key -> {value, text, page}
    lines        jsonb not null default '[]',
    problems     jsonb not null default '[]',
    extracted_at timestamptz not null default now()
);

-- One cross-check of an order's evidence set (the current documents' ids).
create table checks (
    id           bigint generated always as identity primary key,
    order_id     bigint not null references orders (id) on delete cascade,
    evidence_key text not null,
    verdict      text not null check (verdict in ('verified', 'needs_review')),
    checked_at   timestamptz not null default now(),
    unique (order_id, evidence_key)
);

create table findings (
    check_id bigint not null references checks (id) on delete cascade,
    seq      int not null,
    rule     text not null,
    severity text not null check (severity in ('contradiction', 'warning', 'info')),
    message  text not null,
    detail   jsonb not null default '{}',
    primary key (check_id, seq)
);
create index findings_rule_idx on findings (rule);

create table review_decisions (
    id         bigint generated always as identity primary key,
    order_id   bigint not null references orders (id) on delete cascade,
    decision   text not null check (decision in ('approve', 'reject', 'request_document')),
    reason     text not null check (reason <> ''),
    actor      text not null,
    decided_at timestamptz not null default now()
);

-- Append-only, hash-chained log of every state change. entry holds the
-- canonical bytes that were hashed: hash = sha256(prev_hash || entry).
create table audit_log (
    seq       bigint primary key check (seq > 0),
    at        timestamptz not null,
    actor     text not null,
    action    text not null,
    subject   text not null,
    entry     bytea not null,
    prev_hash bytea not null check (length(prev_hash) = 32),
    hash      bytea not null unique check (length(hash) = 32)
);

-- +goose StatementBegin
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end $$;
-- +goose StatementEnd
create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_append_only();

create table users (
    id          bigint generated always as identity primary key,
    name        text not null unique,
    role        text not null check (role in ('supplier', 'operator', 'assessor', 'admin')),
    supplier_id text references suppliers (id),
    created_at  timestamptz not null default now(),
    check ((role = 'supplier') = (supplier_id is not null))
);

-- API bearer tokens, stored as their SHA-256 only.
create table api_tokens (
    token_sha256 bytea primary key check (length(token_sha256) = 32),
    user_id      bigint not null references users (id) on delete cascade,
    created_at   timestamptz not null default now()
);

-- +goose Down
drop table api_tokens;
drop table users;
drop trigger audit_log_no_update on audit_log;
drop function audit_log_append_only;
drop table audit_log;
drop table review_decisions;
drop table findings;
drop table checks;
drop table extractions;
drop view current_documents;
drop table documents;
drop table order_status_history;
drop table order_lines;
drop table orders;
drop table products;
drop table suppliers;
drop table buyers;
drop table divisions;
