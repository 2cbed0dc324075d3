-- The operators' review queue, claims and decisions; the supplier's list of
-- orders; the verified orders behind a figure.

-- name: ReviewQueueAll :many
-- Every order in review with the rules its latest check found and its live
-- claim, if any.
select o.id, o.order_no, o.order_date, o.total_fen, o.status_changed_at, o.requires_review,
       o.supplier_id, s.name as supplier_name, s.division_code, d.name as county_name,
       coalesce((select array_agg(distinct f.rule order by f.rule)
                 from findings f
                 where f.check_id = (select max(k.id) from checks k where k.order_id = o.id)
                   and f.severity <> 'info'), '{}')::text[] as rules,
       coalesce(c.claimed_by, '')::text as claimed_by,
       c.expires_at as claim_expires_at
from orders o
join suppliers s on s.id = o.supplier_id
join divisions d on d.code = s.division_code
left join review_claims c on c.order_id = o.id and c.expires_at > now()
where o.status = 'needs_review'
order by o.status_changed_at, o.id;

-- name: ReviewClaimNext :one
-- Claims the first order in review that nobody else holds (an expired claim
-- counts as none), preferring one the claimant already holds. One statement:
-- the row lock skips an order another claimant is taking, and the conflict
-- clause refuses a claim someone else committed meanwhile.
with candidate as (
    select o.id
    from orders o
    join suppliers s on s.id = o.supplier_id
    left join review_claims c on c.order_id = o.id
    where o.status = 'needs_review'
      and (c.order_id is null or c.expires_at <= now() or c.claimed_by = @claimed_by)
      and (sqlc.narg('county')::text is null or s.division_code = sqlc.narg('county'))
      and (sqlc.narg('supplier')::text is null or o.supplier_id = sqlc.narg('supplier'))
      and (sqlc.narg('rule')::text is null or exists (
          select 1 from findings f
          where f.check_id = (select max(k.id) from checks k where k.order_id = o.id)
            and f.rule = sqlc.narg('rule')))
    order by coalesce(c.claimed_by = @claimed_by and c.expires_at > now(), false) desc,
             case when @largest::bool then o.total_fen end desc nulls last,
             o.status_changed_at, o.id
    limit 1
    for update of o skip locked
)
insert into review_claims (order_id, claimed_by, expires_at)
select id, @claimed_by, @expires_at from candidate
on conflict (order_id) do update
    set claimed_by = excluded.claimed_by, claimed_at = now(), expires_at = excluded.expires_at
    where review_claims.expires_at <= now() or review_claims.claimed_by = excluded.claimed_by
returning order_id;

-- name: ReviewClaimOrder :one
-- Claims one order in review, unless someone else holds it.
insert into review_claims (order_id, claimed_by, expires_at)
select o.id, @claimed_by, @expires_at from orders o
where o.order_no = @order_no and o.status = 'needs_review'
on conflict (order_id) do update
    set claimed_by = excluded.claimed_by, claimed_at = now(), expires_at = excluded.expires_at
    where review_claims.expires_at <= now() or review_claims.claimed_by = excluded.claimed_by
returning order_id;

-- name: ReviewClaimGet :one
select * from review_claims where order_id = @order_id and expires_at > now();

-- name: ReviewClaimDelete :exec
delete from review_claims where order_id = @order_id;

-- name: ReviewClaimRelease :exec
delete from review_claims where order_id = @order_id and claimed_by = @claimed_by;

-- name: ReviewDecisions :many
select * from review_decisions where order_id = @order_id order by id;

-- name: SupplierOrders :many
-- A supplier's orders with the state of each current document
-- ("contract:read,invoice:unreadable,…").
select o.order_no, o.order_date, o.total_fen, o.status, b.name as buyer_name,
       coalesce((select string_agg(cd.kind || ':' || case when e.document_id is null then 'reading'
                                                          when e.readable then 'read' else 'unreadable' end, ',')
                 from current_documents cd left join extractions e on e.document_id = cd.id
                 where cd.order_id = o.id), '')::text as documents,
       -- an operator's request for a document not yet answered: the
       -- order is back with the supplier (awaiting documents, requiring
       -- review) and its last decision asked for one
       coalesce((select case when d.decision = 'request_document' and o.status = 'awaiting_documents' and o.requires_review
                             then coalesce(d.requested_kind, 'any') end
                 from review_decisions d where d.order_id = o.id order by d.id desc limit 1), '')::text as requested,
       count(*) over ()::bigint as total_rows
from orders o join buyers b on b.id = o.buyer_id
where o.supplier_id = @supplier_id
order by o.order_date desc, o.order_no
limit @max_rows offset @skip_rows;

-- name: OrdersBehind :many
-- One page of the verified orders behind a figure of the statistics, with
-- how many there are and what they sum to in all.
select o.order_no, o.order_date, o.total_fen, b.name as buyer_name, s.name as supplier_name,
       sd.name as supplier_county, bd.name as buyer_county,
       count(*) over ()::bigint as total_rows, (sum(o.total_fen) over ())::bigint as total_sum
from orders o
join buyers b on b.id = o.buyer_id
join suppliers s on s.id = o.supplier_id
join divisions sd on sd.code = s.division_code
join divisions bd on bd.code = b.division_code
where o.status = 'verified'
  and (sqlc.narg('from')::date is null or o.order_date >= sqlc.narg('from'))
  and (sqlc.narg('to')::date is null or o.order_date <= sqlc.narg('to'))
  and (sqlc.narg('buyer_county')::text is null or (b.division_code = sqlc.narg('buyer_county') and b.kind = 'budget_unit'))
  and (sqlc.narg('supplier_county')::text is null or s.division_code = sqlc.narg('supplier_county'))
  and (sqlc.narg('buyer')::text is null or (o.buyer_id = sqlc.narg('buyer') and b.kind = 'budget_unit'))
  and (sqlc.narg('supplier')::text is null or o.supplier_id = sqlc.narg('supplier'))
  and (sqlc.narg('category')::text is null or exists (
      select 1 from order_lines l join products p on p.sku = l.sku
      where l.order_id = o.id and p.category = sqlc.narg('category')))
order by o.order_date, o.order_no
limit @max_rows offset @skip_rows;

-- name: UnverifiedCounts :many
-- Orders not (yet) counted, by status and by the keys the statistics group
-- on, so each verified figure can show what is still in review or rejected.
select o.status, s.division_code as supplier_county, b.division_code as buyer_county, b.kind as buyer_kind,
       o.supplier_id, o.buyer_id, count(*)::bigint as orders, coalesce(sum(o.total_fen), 0)::bigint as total_fen
from orders o
join buyers b on b.id = o.buyer_id
join suppliers s on s.id = o.supplier_id
where o.status <> 'verified'
  and (sqlc.narg('from')::date is null or o.order_date >= sqlc.narg('from'))
  and (sqlc.narg('to')::date is null or o.order_date <= sqlc.narg('to'))
group by o.status, s.division_code, b.division_code, b.kind, o.supplier_id, o.buyer_id;

-- name: ReviewClaimRenew :one
-- Extends a claim its holder still has (an expired one nobody else took
-- counts), on an order still in review.
update review_claims c set expires_at = @expires_at
from orders o
where o.id = c.order_id and o.order_no = @order_no and o.status = 'needs_review' and c.claimed_by = @claimed_by
returning c.expires_at;

-- name: UnverifiedCategoryCounts :many
-- Orders not (yet) counted, by status and by the category of their lines (an
-- order with lines of two categories counts in both, as in the totals).
select o.status, p.category, count(distinct o.id)::bigint as orders
from orders o
join order_lines l on l.order_id = o.id
join products p on p.sku = l.sku
where o.status <> 'verified'
  and (sqlc.narg('from')::date is null or o.order_date >= sqlc.narg('from'))
  and (sqlc.narg('to')::date is null or o.order_date <= sqlc.narg('to'))
group by o.status, p.category;
