-- Issue 13: the rollups change at commit, not at the statement.
--
-- 0013 changed the rollups in the statement that changed an order, so a
-- verdict took its buckets' stats_buckets rows ('all', the year, ...) at
-- OrderSetStatus and held them through the rest of its transaction: the
-- job's completion, the wait for the audit log's lock and the commit. Every
-- verdict that counts or uncounts an order takes the same few rows, so
-- verdicts queued behind one another there (the 2021 year: 370 ms a status
-- change, six cross-checks a second).
--
-- Now the statement only stages what it changed (one row per statement, in
-- an unlogged table: the row lives and dies within its transaction), and a
-- deferred constraint trigger applies it at commit, after the audit
-- entries: the rows are held for stats_apply and the commit only, still in
-- the same transaction as the change, so the rollups never disagree with
-- the orders. Statements are applied in the order they ran.
--
-- The orders are staged as jsonb, not as orders[]: a column of the orders'
-- row type would forbid every later change of the orders table.

-- +goose Up
create unlogged table stats_staged (
    id   bigint generated always as identity primary key,
    gone jsonb not null,
    came jsonb not null
);

-- +goose StatementBegin
create or replace function orders_stats() returns trigger language plpgsql as $$
declare
    gone jsonb := '[]';
    came jsonb := '[]';
begin
    if tg_op = 'INSERT' then
        came := coalesce((select jsonb_agg(to_jsonb(n)) from new_orders n where n.status = 'verified'), '[]');
    elsif tg_op = 'UPDATE' then
        gone := coalesce((select jsonb_agg(to_jsonb(o)) from old_orders o join new_orders n on n.id = o.id
                          where o.status = 'verified' and (o.status, o.total_fen, o.order_date, o.buyer_id, o.supplier_id)
                                is distinct from (n.status, n.total_fen, n.order_date, n.buyer_id, n.supplier_id)), '[]');
        came := coalesce((select jsonb_agg(to_jsonb(n)) from old_orders o join new_orders n on n.id = o.id
                          where n.status = 'verified' and (o.status, o.total_fen, o.order_date, o.buyer_id, o.supplier_id)
                                is distinct from (n.status, n.total_fen, n.order_date, n.buyer_id, n.supplier_id)), '[]');
    end if;
    if gone <> '[]' or came <> '[]' then
        insert into stats_staged (gone, came) values (gone, came);
    end if;
    return null;
end
$$;
-- +goose StatementEnd

-- +goose StatementBegin
create function stats_staged_apply() returns trigger language plpgsql as $$
begin
    perform stats_apply(array(select r from jsonb_populate_recordset(null::orders, new.gone) r),
                        array(select r from jsonb_populate_recordset(null::orders, new.came) r));
    delete from stats_staged where id = new.id;
    return null;
end
$$;
-- +goose StatementEnd

create constraint trigger stats_staged_apply after insert on stats_staged
    deferrable initially deferred for each row execute function stats_staged_apply();

-- +goose Down
drop trigger stats_staged_apply on stats_staged;
drop function stats_staged_apply();

-- +goose StatementBegin
create or replace function orders_stats() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform stats_apply('{}'::orders[], array(select n::orders from new_orders n where n.status = 'verified'));
    elsif tg_op = 'UPDATE' then
        perform stats_apply(
            array(select o::orders from old_orders o join new_orders n on n.id = o.id
                  where o.status = 'verified' and (o.status, o.total_fen, o.order_date, o.buyer_id, o.supplier_id)
                        is distinct from (n.status, n.total_fen, n.order_date, n.buyer_id, n.supplier_id)),
            array(select n::orders from old_orders o join new_orders n on n.id = o.id
                  where n.status = 'verified' and (o.status, o.total_fen, o.order_date, o.buyer_id, o.supplier_id)
                        is distinct from (n.status, n.total_fen, n.order_date, n.buyer_id, n.supplier_id)));
    end if;
    return null;
end
$$;
-- +goose StatementEnd

drop table stats_staged;
