-- name: OrderInsert :one
insert into orders (order_no, buyer_id, supplier_id, order_date, total_fen)
values (@order_no, @buyer_id, @supplier_id, @order_date, @total_fen)
on conflict (order_no) do nothing
returning id;

-- name: OrderLineInsert :exec
insert into order_lines (order_id, line_no, sku, quantity_milli, unit_price_fen, amount_fen)
values (@order_id, @line_no, @sku, @quantity_milli, @unit_price_fen, @amount_fen);

-- name: OrderGetByNo :one
select * from orders where order_no = @order_no;

-- name: OrderGet :one
select * from orders where id = @id;

-- name: OrderLockByNo :one
select * from orders where order_no = @order_no for update;

-- name: OrderLock :one
select * from orders where id = @id for update;

-- name: OrderLines :many
select l.*, p.name as product_name, p.category, p.unit
from order_lines l join products p on p.sku = l.sku
where l.order_id = @order_id
order by l.line_no;

-- name: OrderSetStatus :exec
update orders
set status = @status, requires_review = @requires_review, status_changed_at = now()
where id = @id;

-- name: OrderStatusHistoryInsert :exec
insert into order_status_history (order_id, from_status, to_status, actor, reason)
values (@order_id, @from_status, @to_status, @actor, @reason);

-- name: OrderStatusHistory :many
select * from order_status_history where order_id = @order_id order by id;

-- name: OrderStatusCounts :many
-- Every order by status: the verified from their rollup, the others (few,
-- by orders_unverified_idx) counted.
select status, orders, total_fen from (
    select status, count(*)::bigint as orders, coalesce(sum(total_fen), 0)::bigint as total_fen
    from orders where status <> 'verified' group by status
    union all
    select 'verified', orders, fen from stats_buckets where bucket = 'all' and orders > 0
) s
order by status;

-- name: OrdersOfBuyer :many
-- A buyer's orders, locked: when a fact of the buyer changes, the verified
-- ones are held for review and every one gets an audit entry of its facts.
select * from orders where buyer_id = @buyer_id order by id for update;

-- name: OrdersOfSupplier :many
-- A supplier's orders, locked, likewise.
select * from orders where supplier_id = @supplier_id order by id for update;

-- name: OrdersOfProduct :many
-- The orders with a line of a product, locked, likewise.
select * from orders o where exists (select 1 from order_lines l where l.order_id = o.id and l.sku = @sku) order by o.id for update;
