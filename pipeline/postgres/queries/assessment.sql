-- name: ReservedShareUpsert :exec
insert into reserved_shares (buyer_id, year, target_fen) values (@buyer_id, @year, @target_fen)
on conflict (buyer_id, year) do update set target_fen = excluded.target_fen;

-- name: Platform832Upsert :exec
insert into platform_832 (buyer_id, year, amount_fen) values (@buyer_id, @year, @amount_fen)
on conflict (buyer_id, year) do update set amount_fen = excluded.amount_fen;

-- name: AssessmentUnits :many
-- Every budget unit with its county, its target and 832 purchases for the
-- year, and its verified purchases here dated in the year.
select b.id, b.name, b.division_code, d.name as county, d.city_name,
       coalesce(r.target_fen, 0)::bigint as target_fen,
       coalesce(p.amount_fen, 0)::bigint as on832_fen,
       coalesce((select s.fen from stats_buyers s
                 where s.bucket = @year_bucket::text and s.buyer_id = b.id), 0)::bigint as here_fen
from buyers b
join divisions d on d.code = b.division_code
left join reserved_shares r on r.buyer_id = b.id and r.year = @year::int
left join platform_832 p on p.buyer_id = b.id and p.year = @year::int
where b.kind = 'budget_unit'
order by b.id;
