-- Web sign-in: passwords, sessions, the admin's list of users.

-- name: PasswordSet :exec
insert into user_passwords (user_id, password_hash) values (@user_id, @password_hash)
on conflict (user_id) do update set password_hash = excluded.password_hash, changed_at = now();

-- name: PasswordByName :one
select u.id, u.name, u.role, u.supplier_id, p.password_hash
from users u join user_passwords p on p.user_id = u.id
where u.name = @name and u.disabled_at is null;

-- name: SessionInsert :exec
insert into web_sessions (token_sha256, user_id, csrf_token, expires_at)
values (@token_sha256, @user_id, @csrf_token, @expires_at);

-- name: SessionGet :one
select u.id, u.name, u.role, u.supplier_id, s.csrf_token, s.expires_at
from web_sessions s join users u on u.id = s.user_id
where s.token_sha256 = @token_sha256 and s.expires_at > now() and u.disabled_at is null;

-- name: SessionDelete :exec
delete from web_sessions where token_sha256 = @token_sha256;

-- name: SessionsDeleteExpired :exec
delete from web_sessions where expires_at <= now();

-- name: UserList :many
select u.id, u.name, u.role, u.supplier_id, u.created_at, (u.disabled_at is not null)::boolean as disabled,
       exists (select 1 from user_passwords p where p.user_id = u.id) as has_password,
       (select count(*) from api_tokens t where t.user_id = u.id)::bigint as tokens,
       (select count(*) from web_sessions s where s.user_id = u.id and s.expires_at > now())::bigint as sessions
from users u
order by u.name;

-- name: SessionsDeleteByUser :execrows
delete from web_sessions where user_id = @user_id;
