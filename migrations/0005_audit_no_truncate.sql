-- The audit log is append-only row by row (0001's trigger); TRUNCATE fires
-- no row trigger, so it is refused by a statement trigger of its own.

-- +goose Up
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only();

-- +goose Down
drop trigger audit_log_no_truncate on audit_log;
