-- Statistics count verified orders only.

-- name: StatsSummary :one
-- The statement's overview: who and what transacted in verified orders of
-- the period, beside the master data registered (purchasers, suppliers
-- that applied and those admitted, products).
with v as (
    select o.* from orders o
    where o.status = 'verified'
      and (sqlc.narg('from')::date is null or o.order_date >= sqlc.narg('from'))
      and (sqlc.narg('to')::date is null or o.order_date <= sqlc.narg('to'))
)
select (select count(distinct v.buyer_id) from v)::bigint as purchasers,
       (select count(distinct v.supplier_id) from v)::bigint as suppliers,
       (select count(*) from v)::bigint as orders,
       (select coalesce(sum(v.total_fen), 0) from v)::bigint as total_fen,
       (select count(distinct l.sku) from v join order_lines l on l.order_id = v.id)::bigint as products_traded,
       (select count(*) from buyers)::bigint as purchasers_registered,
       (select count(*) from suppliers)::bigint as suppliers_applied,
       (select count(*) from suppliers where admitted)::bigint as suppliers_admitted,
       (select count(*) from products)::bigint as products_registered;

-- name: StatsCounties :many
-- The county table of the annual statement: budget-unit purchases by the
-- buyer's county (or prefecture, for its own units); local product sales,
-- suppliers admitted and orders by the supplier's county.
with v as (
    select o.* from orders o
    where o.status = 'verified'
      and (sqlc.narg('from')::date is null or o.order_date >= sqlc.narg('from'))
      and (sqlc.narg('to')::date is null or o.order_date <= sqlc.narg('to'))
),
bu as (
    select b.division_code, sum(v.total_fen)::bigint as fen
    from v join buyers b on b.id = v.buyer_id
    where b.kind = 'budget_unit'
    group by b.division_code
),
sales as (
    select s.division_code, sum(v.total_fen)::bigint as fen, count(*)::bigint as orders
    from v join suppliers s on s.id = v.supplier_id
    group by s.division_code
),
adm as (
    select division_code, count(*)::bigint as n from suppliers where admitted group by division_code
)
select d.code, d.name, d.city_name,
       coalesce(bu.fen, 0)::bigint as budget_unit_fen,
       coalesce(sales.fen, 0)::bigint as local_sales_fen,
       coalesce(adm.n, 0)::bigint as suppliers_admitted,
       coalesce(sales.orders, 0)::bigint as supplier_orders
from divisions d
left join bu on bu.division_code = d.code
left join sales on sales.division_code = d.code
left join adm on adm.division_code = d.code
-- counties, and the prefectures whose own units (市直单位, development
-- zones) bought: the statement has rows for them
where (d.city_code is not null or bu.fen is not null)
  and (bu.fen is not null or sales.fen is not null or adm.n is not null)
order by local_sales_fen desc, budget_unit_fen desc, d.code;

-- name: StatsBudgetUnits :many
-- The budget units by verified purchases; level, when given, keeps the
-- prefectures' own units ('prefecture': their division is a prefecture) or
-- the counties' ('county').
select b.id, b.name, b.division_code, sum(o.total_fen)::bigint as total_fen, count(*)::bigint as orders
from orders o join buyers b on b.id = o.buyer_id
join divisions d on d.code = b.division_code
where o.status = 'verified' and b.kind = 'budget_unit'
  and (sqlc.narg('level')::text is null
       or (sqlc.narg('level') = 'prefecture' and d.city_code is null)
       or (sqlc.narg('level') = 'county' and d.city_code is not null))
  and (sqlc.narg('from')::date is null or o.order_date >= sqlc.narg('from'))
  and (sqlc.narg('to')::date is null or o.order_date <= sqlc.narg('to'))
group by b.id, b.name, b.division_code
order by total_fen desc, b.id
limit @max_rows;

-- name: StatsSuppliers :many
select s.id, s.name, s.division_code, sum(o.total_fen)::bigint as total_fen, count(*)::bigint as orders
from orders o join suppliers s on s.id = o.supplier_id
where o.status = 'verified'
  and (sqlc.narg('from')::date is null or o.order_date >= sqlc.narg('from'))
  and (sqlc.narg('to')::date is null or o.order_date <= sqlc.narg('to'))
group by s.id, s.name, s.division_code
order by total_fen desc, s.id
limit @max_rows;

-- name: StatsCategories :many
select p.category, sum(l.amount_fen)::bigint as total_fen, count(distinct o.id)::bigint as orders
from orders o
join order_lines l on l.order_id = o.id
join products p on p.sku = l.sku
where o.status = 'verified'
  and (sqlc.narg('from')::date is null or o.order_date >= sqlc.narg('from'))
  and (sqlc.narg('to')::date is null or o.order_date <= sqlc.narg('to'))
group by p.category
order by total_fen desc, p.category;

-- The same tables from the rollups of one bucket (migrations/0013, a
-- period that is exactly 'all', a year, a quarter or a month).

-- name: RollupSummary :one
select coalesce(b.purchasers, 0)::bigint as purchasers,
       coalesce(b.suppliers, 0)::bigint as suppliers,
       coalesce(b.orders, 0)::bigint as orders,
       coalesce(b.fen, 0)::bigint as total_fen,
       coalesce(b.products, 0)::bigint as products_traded,
       (select count(*) from buyers)::bigint as purchasers_registered,
       (select count(*) from suppliers)::bigint as suppliers_applied,
       (select count(*) from suppliers where admitted)::bigint as suppliers_admitted,
       (select count(*) from products)::bigint as products_registered
from (select @bucket::text as bucket) k
left join stats_buckets b on b.bucket = k.bucket;

-- name: RollupCounties :many
with x as (
    select code, budget_fen, budget_orders, sales_fen, sales_orders
    from stats_divisions where bucket = @bucket
),
adm as (
    select division_code, count(*)::bigint as n from suppliers where admitted group by division_code
)
select d.code, d.name, d.city_name,
       coalesce(x.budget_fen, 0)::bigint as budget_unit_fen,
       coalesce(x.sales_fen, 0)::bigint as local_sales_fen,
       coalesce(adm.n, 0)::bigint as suppliers_admitted,
       coalesce(x.sales_orders, 0)::bigint as supplier_orders
from divisions d
left join x on x.code = d.code
left join adm on adm.division_code = d.code
where (d.city_code is not null or x.budget_orders > 0)
  and (x.budget_orders > 0 or x.sales_orders > 0 or adm.n is not null)
order by local_sales_fen desc, budget_unit_fen desc, d.code;

-- name: RollupBudgetUnits :many
select s.buyer_id as id, b.name, s.division_code, s.fen as total_fen, s.orders
from stats_buyers s
join buyers b on b.id = s.buyer_id
join divisions d on d.code = s.division_code
where s.bucket = @bucket and s.kind = 'budget_unit'
  and (sqlc.narg('level')::text is null
       or (sqlc.narg('level') = 'prefecture' and d.city_code is null)
       or (sqlc.narg('level') = 'county' and d.city_code is not null))
order by s.fen desc, s.buyer_id
limit @max_rows;

-- name: RollupSuppliers :many
select s.supplier_id as id, p.name, s.division_code, s.fen as total_fen, s.orders
from stats_suppliers s join suppliers p on p.id = s.supplier_id
where s.bucket = @bucket
order by s.fen desc, s.supplier_id
limit @max_rows;

-- name: RollupCategories :many
select category, fen as total_fen, orders
from stats_categories
where bucket = @bucket and orders > 0
order by fen desc, category;
