-- Issue 12: a sampling audit of the orders verified without a person.
-- A round records how it was drawn (period, confidence, tolerable error
-- rate, seed, the population's size and amount) so that the draw can be
-- reproduced; its items are the sampled orders and what their re-check
-- found.

-- +goose Up
create table sample_rounds (
    id          bigint generated always as identity primary key,
    period_from date,
    period_to   date,
    confidence  double precision not null check (confidence > 0 and confidence < 1),
    tolerable   double precision not null check (tolerable > 0 and tolerable < 1),
    seed        bigint not null,
    population  int not null check (population >= 0),
    population_fen bigint not null check (population_fen >= 0),
    drawn_by    text not null,
    drawn_at    timestamptz not null default now()
);

create table sample_items (
    round_id   bigint not null references sample_rounds (id) on delete cascade,
    order_id   bigint not null references orders (id) on delete cascade,
    result     text check (result in ('ok', 'error')),
    note       text not null default '',
    checked_by text,
    checked_at timestamptz,
    primary key (round_id, order_id)
);

-- +goose Down
drop table sample_items;
drop table sample_rounds;
