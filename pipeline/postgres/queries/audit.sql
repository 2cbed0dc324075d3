-- name: AuditLock :exec
-- Serialises appends to the chain for the rest of the transaction.
select pg_advisory_xact_lock(7262637369);

-- name: AuditHead :one
select seq, hash, mac from audit_log order by seq desc limit 1;

-- name: AuditInsert :exec
insert into audit_log (seq, at, actor, action, subject, entry, prev_hash, hash, mac)
values (@seq, @at, @actor, @action, @subject, @entry, @prev_hash, @hash, @mac);

-- name: AuditRange :many
select * from audit_log where seq > @after_seq order by seq limit @max_rows;

-- name: AuditBySubject :many
select * from audit_log where subject = @subject order by seq;

-- name: AuditAt :one
select seq, hash, mac from audit_log where seq = @seq;

-- name: OrdersFacts :many
-- Every order's status and what the statistics count of it (parties,
-- their names and divisions, date, amounts, lines and their categories), a page at a
-- time: audit verify compares them with the order's last audited
-- transition. The facts' text is the same as OrderFacts'.
select o.id, o.order_no, o.status, o.requires_review,
    concat_ws('|', o.buyer_id, b.name, b.division_code, b.kind, o.supplier_id, s.name, s.division_code, o.order_date::text, o.total_fen::text,
        coalesce((select string_agg(concat_ws(' ', l.sku, p.category, l.quantity_milli, l.unit_price_fen, l.amount_fen), ';' order by l.line_no)
                  from order_lines l join products p on p.sku = l.sku where l.order_id = o.id), ''))::text as facts
from orders o join buyers b on b.id = o.buyer_id join suppliers s on s.id = o.supplier_id
where o.id > @after_id order by o.id limit @max_rows;

-- name: OrderFacts :one
-- One order's facts, as OrdersFacts gives them, for its audit entries.
select concat_ws('|', o.buyer_id, b.name, b.division_code, b.kind, o.supplier_id, s.name, s.division_code, o.order_date::text, o.total_fen::text,
        coalesce((select string_agg(concat_ws(' ', l.sku, p.category, l.quantity_milli, l.unit_price_fen, l.amount_fen), ';' order by l.line_no)
                  from order_lines l join products p on p.sku = l.sku where l.order_id = o.id), ''))::text as facts
from orders o join buyers b on b.id = o.buyer_id join suppliers s on s.id = o.supplier_id
where o.id = @id;

-- name: AuditBySubjectAction :many
select * from audit_log where subject = @subject and action = @action order by seq;
