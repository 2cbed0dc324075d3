-- Issue 12: a sampling round is closed once every sampled order has been
-- re-checked; its result is then final: no re-check is recorded after.

-- +goose Up
alter table sample_rounds
    add column closed_by text,
    add column closed_at timestamptz,
    add constraint sample_rounds_closed check ((closed_by is null) = (closed_at is null));

-- +goose Down
alter table sample_rounds
    drop constraint sample_rounds_closed,
    drop column closed_at,
    drop column closed_by;
