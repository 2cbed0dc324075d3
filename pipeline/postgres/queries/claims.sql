-- name: ClaimsRelease :exec
delete from identifier_claims where order_id = @order_id;

-- name: ClaimInsert :exec
insert into identifier_claims (kind, value, order_id)
values (@kind, @value, @order_id)
on conflict (kind, value) do nothing;

-- name: ClaimOwner :one
select c.order_id, o.order_no
from identifier_claims c join orders o on o.id = c.order_id
where c.kind = @kind and c.value = @value;
