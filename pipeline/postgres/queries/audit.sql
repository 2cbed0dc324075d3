-- name: AuditLock :exec
-- Serialises appends to the chain for the rest of the transaction.
select pg_advisory_xact_lock(7262637369);

-- name: AuditHead :one
select seq, hash from audit_log order by seq desc limit 1;

-- name: AuditInsert :exec
insert into audit_log (seq, at, actor, action, subject, entry, prev_hash, hash)
values (@seq, @at, @actor, @action, @subject, @entry, @prev_hash, @hash);

-- name: AuditRange :many
select * from audit_log where seq > @after_seq order by seq limit @max_rows;

-- name: AuditBySubject :many
select * from audit_log where subject = @subject order by seq;
