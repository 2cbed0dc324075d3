-- The web rooms: passwords and sessions for people signing in with a browser,
-- and the operators' exclusive, expiring claims on orders in review.

-- +goose Up
-- A user's web password (bcrypt). API tokens stay in api_tokens.
create table user_passwords (
    user_id       bigint primary key references users (id) on delete cascade,
    password_hash text not null check (password_hash <> ''),
    changed_at    timestamptz not null default now()
);

-- Server-side sessions; the cookie holds a random token, stored here as its
-- SHA-256 only. csrf_token is the per-session token every form must echo.
create table web_sessions (
    token_sha256 bytea primary key check (length(token_sha256) = 32),
    user_id      bigint not null references users (id) on delete cascade,
    csrf_token   text not null check (csrf_token <> ''),
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null
);
create index web_sessions_expires_idx on web_sessions (expires_at);

-- An operator's claim on an order in review: one row per order, so two
-- operators can never hold the same order; an expired claim may be taken.
create table review_claims (
    order_id   bigint primary key references orders (id) on delete cascade,
    claimed_by text not null,
    claimed_at timestamptz not null default now(),
    expires_at timestamptz not null
);
create index review_claims_by_idx on review_claims (claimed_by);

-- +goose Down
drop table review_claims;
drop table web_sessions;
drop table user_passwords;
