-- name: UserInsert :one
insert into users (name, role, supplier_id)
values (@name, @role, sqlc.narg('supplier_id'))
returning *;

-- name: UserGetByName :one
select * from users where name = @name;

-- name: TokenInsert :exec
insert into api_tokens (token_sha256, user_id) values (@token_sha256, @user_id);

-- name: UserByToken :one
select u.* from api_tokens t join users u on u.id = t.user_id where t.token_sha256 = @token_sha256 and u.disabled_at is null;

-- name: TokensDeleteByUser :execrows
delete from api_tokens where user_id = @user_id;

-- name: UserSetDisabled :execrows
update users set disabled_at = case when @disabled::boolean then coalesce(disabled_at, now()) end where id = @id;
