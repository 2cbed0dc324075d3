-- name: SamplePopulation :many
-- The orders verified without a person (no review decision) dated in the
-- period: a sampling round's population.
select o.id, o.total_fen from orders o
where o.status = 'verified'
  and not exists (select 1 from review_decisions d where d.order_id = o.id)
  and (sqlc.narg('from_date')::date is null or o.order_date >= sqlc.narg('from_date')::date)
  and (sqlc.narg('to_date')::date is null or o.order_date <= sqlc.narg('to_date')::date)
order by o.id;

-- name: SampleRoundInsert :one
insert into sample_rounds (period_from, period_to, confidence, tolerable, seed, population, population_fen, drawn_by)
values (sqlc.narg('period_from'), sqlc.narg('period_to'), @confidence, @tolerable, @seed, @population, @population_fen, @drawn_by)
returning *;

-- name: SampleItemInsert :exec
insert into sample_items (round_id, order_id) values (@round_id, @order_id);

-- name: SampleRoundGet :one
select * from sample_rounds where id = @id;

-- name: SampleRoundLatest :one
select * from sample_rounds order by id desc limit 1;

-- name: SampleItems :many
select i.order_id, o.order_no, o.total_fen, coalesce(i.result, '')::text as result, i.note,
       coalesce(i.checked_by, '')::text as checked_by, i.checked_at
from sample_items i join orders o on o.id = i.order_id
where i.round_id = @round_id order by o.order_no;

-- name: SampleItemRecord :execrows
-- Once per sampled order, and only while its round is open.
update sample_items set result = @result, note = @note, checked_by = @checked_by, checked_at = now()
where round_id = @round_id and order_id = @order_id and result is null
  and exists (select 1 from sample_rounds r where r.id = @round_id and r.closed_at is null);

-- name: SampleRoundLock :one
select * from sample_rounds where id = @id for update;

-- name: SampleRoundUnchecked :one
select count(*)::bigint from sample_items where round_id = @round_id and result is null;

-- name: SampleRoundClose :exec
update sample_rounds set closed_by = @closed_by, closed_at = now() where id = @id;
