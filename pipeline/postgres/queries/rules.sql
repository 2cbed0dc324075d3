-- name: CheckSameDayOrders :many
-- The other orders of a buyer and supplier dated the same day (orders.split).
select order_no, order_date, total_fen
from orders
where buyer_id = @buyer_id and supplier_id = @supplier_id and order_date = @order_date
  and id <> @id and status <> 'rejected'
order by order_no;

-- name: CheckDivision :one
select * from divisions where code = @code;

-- name: ScoreOrders :many
-- Every order with its status, whether an operator decided on it, and the
-- kinds of its current documents (for heshi score).
select o.id, o.order_no, o.status,
       exists (select 1 from review_decisions r where r.order_id = o.id)::boolean as decided,
       coalesce((select array_agg(d.kind order by d.kind) from current_documents d where d.order_id = o.id), '{}')::text[] as kinds
from orders o
order by o.order_no;

-- name: ScoreFindings :many
-- The findings of every order's latest check.
select o.order_no, f.rule, f.severity, f.detail
from orders o
join lateral (select c.id from checks c where c.order_id = o.id order by c.id desc limit 1) c on true
join findings f on f.check_id = c.id
order by o.order_no, f.seq;
