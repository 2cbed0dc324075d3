-- Issue 13: the statistics at national scale. The statement's tables are
-- kept as rollups of verified orders, changed by a trigger on orders in the
-- same transaction as the status (the verdict, a review decision, a hold),
-- so they always agree with the orders and a page reads a few hundred rows
-- instead of aggregating millions.
--
-- A rollup is kept for every bucket an order's date falls in: 'all', its
-- year ('Y2021'), quarter ('Q2021-4') and month ('M2021-10'). A period that
-- is exactly one bucket reads the rollups; any other period aggregates the
-- orders (pipeline/postgres/stats.go).
--
-- A buyer's or supplier's division and kind are stored with its row when
-- the row is counted, and taken from there when it is uncounted: a change
-- of those facts holds every verified order of the party (OrdersOfBuyer),
-- so the rows empty under the old facts and fill again under the new.
--
-- Every change takes its buckets' stats_buckets rows first, in one order:
-- the rows of a bucket are changed by one transaction at a time, so two
-- verdicts never deadlock on them. The changes are set-based, once per
-- statement on orders (transition tables), so a bulk change costs a few
-- statements, not a few per order.

-- +goose Up
create table stats_buckets (
    bucket     text primary key,
    orders     bigint not null default 0,
    fen        bigint not null default 0,
    purchasers bigint not null default 0, -- distinct buyers
    suppliers  bigint not null default 0, -- distinct suppliers
    products   bigint not null default 0  -- distinct SKUs in their lines
);

create table stats_buyers (
    bucket        text not null,
    buyer_id      text not null,
    division_code text not null,
    kind          text not null,
    orders        bigint not null,
    fen           bigint not null,
    primary key (bucket, buyer_id)
);
create index stats_buyers_rank_idx on stats_buyers (bucket, fen desc, buyer_id) where kind = 'budget_unit';

create table stats_suppliers (
    bucket        text not null,
    supplier_id   text not null,
    division_code text not null,
    orders        bigint not null,
    fen           bigint not null,
    primary key (bucket, supplier_id)
);
create index stats_suppliers_rank_idx on stats_suppliers (bucket, fen desc, supplier_id);

-- The county table: budget-unit purchases by the buyer's division, sales
-- and orders by the supplier's.
create table stats_divisions (
    bucket        text not null,
    code          text not null,
    budget_fen    bigint not null default 0,
    budget_orders bigint not null default 0,
    sales_fen     bigint not null default 0,
    sales_orders  bigint not null default 0,
    primary key (bucket, code)
);

create table stats_products (
    bucket text not null,
    sku    text not null,
    orders bigint not null,
    primary key (bucket, sku)
);

-- An order with lines of two categories counts once in each.
create table stats_categories (
    bucket   text not null,
    category text not null,
    orders   bigint not null,
    fen      bigint not null,
    primary key (bucket, category)
);

-- The orders not counted are read from the orders themselves: few, next
-- to the verified ones, whatever the total.
create index orders_unverified_idx on orders (status, order_date) include (total_fen, buyer_id, supplier_id) where status <> 'verified';

-- +goose StatementBegin
create function stats_buckets_of(d date) returns text[] language sql immutable as $$
    select array['all', 'Y' || to_char(d, 'YYYY'), 'Q' || to_char(d, 'YYYY') || '-' || to_char(d, 'Q'), 'M' || to_char(d, 'YYYY-MM')]
$$;
-- +goose StatementEnd

-- +goose StatementBegin
-- stats_delta is the verified orders gone (sign -1) and come (sign 1), once
-- for each of their buckets.
create function stats_delta(gone orders[], came orders[])
returns table (bucket text, sign int, id bigint, buyer_id text, supplier_id text, total_fen bigint)
language sql stable as $$
    select b, d.sign, d.id, d.buyer_id, d.supplier_id, d.total_fen
    from (select o.*, -1 as sign from unnest(gone) o where o.status = 'verified'
          union all
          select o.*, 1 from unnest(came) o where o.status = 'verified') d,
         unnest(stats_buckets_of(d.order_date)) b
$$;
-- +goose StatementEnd

-- +goose StatementBegin
-- stats_apply uncounts the verified orders gone and counts those come, in
-- a few set-based statements whatever their number: a verdict's one order
-- and a migration's millions alike.
create function stats_apply(gone orders[], came orders[]) returns void language plpgsql as $$
declare
    bs text[];
begin
    select array_agg(distinct d.bucket order by d.bucket) into bs from stats_delta(gone, came) d;
    if bs is null then
        return;
    end if;
    -- The buckets' rows first, in one order: see the top of this file.
    insert into stats_buckets (bucket) select unnest(bs) on conflict do nothing;
    perform 1 from stats_buckets where bucket = any(bs) order by bucket for update;

    with a as (select d.bucket, sum(d.sign) as n, sum(d.sign * d.total_fen) as fen from stats_delta(gone, came) d group by d.bucket)
    update stats_buckets s set orders = s.orders + a.n, fen = s.fen + a.fen from a where s.bucket = a.bucket;

    -- The county table, before the parties' rows: an order gone is
    -- uncounted where its party's row says it was counted, an order come is
    -- counted where its party is now.
    with x as (
        select d.bucket, coalesce(r.division_code, b.division_code) as code, sum(d.sign * d.total_fen) as fen, sum(d.sign) as n
        from stats_delta(gone, came) d
        join buyers b on b.id = d.buyer_id
        left join stats_buyers r on d.sign < 0 and r.bucket = d.bucket and r.buyer_id = d.buyer_id
        where coalesce(r.kind, b.kind) = 'budget_unit'
        group by 1, 2
    )
    insert into stats_divisions as s (bucket, code, budget_fen, budget_orders) select bucket, code, fen, n from x
    on conflict (bucket, code) do update set budget_fen = s.budget_fen + excluded.budget_fen, budget_orders = s.budget_orders + excluded.budget_orders;
    with x as (
        select d.bucket, coalesce(r.division_code, p.division_code) as code, sum(d.sign * d.total_fen) as fen, sum(d.sign) as n
        from stats_delta(gone, came) d
        join suppliers p on p.id = d.supplier_id
        left join stats_suppliers r on d.sign < 0 and r.bucket = d.bucket and r.supplier_id = d.supplier_id
        group by 1, 2
    )
    insert into stats_divisions as s (bucket, code, sales_fen, sales_orders) select bucket, code, fen, n from x
    on conflict (bucket, code) do update set sales_fen = s.sales_fen + excluded.sales_fen, sales_orders = s.sales_orders + excluded.sales_orders;

    -- The buyers, and how many there are.
    with a as (
        select d.bucket, d.buyer_id, sum(d.sign) as n, sum(d.sign * d.total_fen) as fen
        from stats_delta(gone, came) d group by 1, 2
    ), up as (
        insert into stats_buyers as s (bucket, buyer_id, division_code, kind, orders, fen)
        select a.bucket, a.buyer_id, b.division_code, b.kind, a.n, a.fen from a join buyers b on b.id = a.buyer_id
        on conflict (bucket, buyer_id) do update set orders = s.orders + excluded.orders, fen = s.fen + excluded.fen
        returning s.bucket, (xmax = 0) as added
    ), c as (select up.bucket, count(*) as n from up where added group by 1)
    update stats_buckets s set purchasers = s.purchasers + c.n from c where s.bucket = c.bucket;
    -- Emptied rows go, looked for by the keys touched (not through all of
    -- a bucket's rows).
    with del as (delete from stats_buyers s using (select distinct d.bucket, d.buyer_id from stats_delta(gone, came) d) k
                 where s.bucket = k.bucket and s.buyer_id = k.buyer_id and s.orders = 0 returning s.bucket),
         c as (select del.bucket, count(*) as n from del group by 1)
    update stats_buckets s set purchasers = s.purchasers - c.n from c where s.bucket = c.bucket;

    -- The suppliers.
    with a as (
        select d.bucket, d.supplier_id, sum(d.sign) as n, sum(d.sign * d.total_fen) as fen
        from stats_delta(gone, came) d group by 1, 2
    ), up as (
        insert into stats_suppliers as s (bucket, supplier_id, division_code, orders, fen)
        select a.bucket, a.supplier_id, p.division_code, a.n, a.fen from a join suppliers p on p.id = a.supplier_id
        on conflict (bucket, supplier_id) do update set orders = s.orders + excluded.orders, fen = s.fen + excluded.fen
        returning s.bucket, (xmax = 0) as added
    ), c as (select up.bucket, count(*) as n from up where added group by 1)
    update stats_buckets s set suppliers = s.suppliers + c.n from c where s.bucket = c.bucket;
    with del as (delete from stats_suppliers s using (select distinct d.bucket, d.supplier_id from stats_delta(gone, came) d) k
                 where s.bucket = k.bucket and s.supplier_id = k.supplier_id and s.orders = 0 returning s.bucket),
         c as (select del.bucket, count(*) as n from del group by 1)
    update stats_buckets s set suppliers = s.suppliers - c.n from c where s.bucket = c.bucket;

    -- The products of their lines (each once an order). The lines are
    -- those of the orders counted, found by their key: a join with all
    -- the lines would read every line of every order for each verdict.
    with l as (
        select distinct order_id, sku from order_lines
        where order_id in (select d.id from stats_delta(gone, came) d)
    ), a as (
        select d.bucket, l.sku, sum(d.sign) as n
        from stats_delta(gone, came) d join l on l.order_id = d.id
        group by 1, 2
    ), up as (
        insert into stats_products as s (bucket, sku, orders) select bucket, sku, n from a
        on conflict (bucket, sku) do update set orders = s.orders + excluded.orders
        returning s.bucket, (xmax = 0) as added
    ), c as (select up.bucket, count(*) as n from up where added group by 1)
    update stats_buckets s set products = s.products + c.n from c where s.bucket = c.bucket;
    with del as (delete from stats_products s
                 using (select distinct d.bucket, l.sku from stats_delta(gone, came) d join order_lines l on l.order_id = d.id) k
                 where s.bucket = k.bucket and s.sku = k.sku and s.orders = 0 returning s.bucket),
         c as (select del.bucket, count(*) as n from del group by 1)
    update stats_buckets s set products = s.products - c.n from c where s.bucket = c.bucket;

    -- The categories: an order counts once in each category of its lines.
    with oc as (
        select l.order_id, p.category, sum(l.amount_fen) as fen
        from order_lines l join products p on p.sku = l.sku
        where l.order_id in (select d.id from stats_delta(gone, came) d)
        group by 1, 2
    ), a as (
        select d.bucket, oc.category, sum(d.sign) as n, sum(d.sign * oc.fen) as fen
        from stats_delta(gone, came) d join oc on oc.order_id = d.id
        group by 1, 2
    )
    insert into stats_categories as s (bucket, category, orders, fen) select bucket, category, n, fen from a
    on conflict (bucket, category) do update set orders = s.orders + excluded.orders, fen = s.fen + excluded.fen;
end
$$;
-- +goose StatementEnd

-- +goose StatementBegin
-- After each statement on orders: the orders that left or entered
-- 'verified', or changed a counted fact while verified.
create function orders_stats() returns trigger language plpgsql as $$
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

-- +goose StatementBegin
-- Before an order is deleted, while its lines are there to uncount.
create function orders_stats_delete() returns trigger language plpgsql as $$
begin
    perform stats_apply(array[old], '{}'::orders[]);
    return old;
end
$$;
-- +goose StatementEnd

create trigger orders_stats_insert after insert on orders
    referencing new table as new_orders for each statement execute function orders_stats();
create trigger orders_stats_update after update on orders
    referencing old table as old_orders new table as new_orders for each statement execute function orders_stats();
create trigger orders_stats_delete before delete on orders
    for each row when (old.status = 'verified') execute function orders_stats_delete();

-- What is verified already, counted at once.
select stats_apply('{}'::orders[], array(select o from orders o where o.status = 'verified'));

-- +goose Down
drop trigger orders_stats_delete on orders;
drop trigger orders_stats_update on orders;
drop trigger orders_stats_insert on orders;
drop function orders_stats_delete();
drop function orders_stats();
drop function stats_apply(orders[], orders[]);
drop function stats_delta(orders[], orders[]);
drop function stats_buckets_of(date);
drop index orders_unverified_idx;
drop table stats_categories, stats_products, stats_divisions, stats_suppliers, stats_buyers, stats_buckets;
