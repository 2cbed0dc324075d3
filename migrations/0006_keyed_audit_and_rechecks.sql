-- Issue 10: an audit log that cannot be rewritten by someone with database
-- access alone, and checks that run again when the evidence changed under
-- the same documents (a tampered object).
--
-- audit_log.mac is HMAC-SHA256, under a key kept outside the database
-- (HESHI_AUDIT_KEY_FILE), of the entry's chain hash: whoever re-hashes the
-- chain with plain SHA-256 cannot make the macs agree. Entries written
-- before this migration have none; `heshi audit verify` counts them and
-- refuses an entry without a mac after one with.
--
-- checks were unique per order and evidence set, so a check of the same
-- documents after their objects were altered recorded nothing. They are
-- now unique per order, evidence set and integrity_digest, the digest of
-- the check's integrity.hash findings (empty when the objects were
-- intact): a retried job is still a no-op, whatever else it finds, but one
-- that finds the stored objects altered or gone is a new check.

-- +goose Up
alter table audit_log add column mac bytea check (mac is null or length(mac) = 32);

alter table checks add column integrity_digest bytea not null default '\x';
alter table checks drop constraint checks_order_id_evidence_key_key;
alter table checks add constraint checks_once unique (order_id, evidence_key, integrity_digest);

-- +goose Down
alter table checks drop constraint checks_once;
alter table checks drop column integrity_digest;
alter table checks add constraint checks_order_id_evidence_key_key unique (order_id, evidence_key);
alter table audit_log drop column mac;
