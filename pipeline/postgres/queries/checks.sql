-- name: CheckInsert :one
insert into checks (order_id, evidence_key, verdict, integrity_digest)
values (@order_id, @evidence_key, @verdict, @integrity_digest)
on conflict (order_id, evidence_key, integrity_digest) do nothing
returning id;

-- name: FindingInsert :exec
insert into findings (check_id, seq, rule, severity, message, detail)
values (@check_id, @seq, @rule, @severity, @message, @detail);

-- name: CheckLatest :one
select * from checks where order_id = @order_id order by id desc limit 1;

-- name: FindingsByCheck :many
select * from findings where check_id = @check_id order by seq;

-- name: ReviewDecisionInsert :one
insert into review_decisions (order_id, decision, reason, actor, requested_kind)
values (@order_id, @decision, @reason, @actor, sqlc.narg('requested_kind'))
returning *;
