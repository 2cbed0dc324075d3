-- An order's page reads its notes from the audit log (order.note), and the
-- trails are read by subject: without an index each was a scan of the
-- whole log.

-- +goose Up
create index audit_log_subject_idx on audit_log (subject, action, seq);

-- +goose Down
drop index audit_log_subject_idx;
