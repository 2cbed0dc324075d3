-- Issue 11: an admin disables a user (who left, whose account is in
-- doubt) without deleting what the user did; a disabled user's tokens,
-- sessions and password sign nobody in.

-- +goose Up
alter table users add column disabled_at timestamptz;

-- +goose Down
alter table users drop column disabled_at;
