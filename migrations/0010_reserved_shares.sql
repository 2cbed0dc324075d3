-- Issue 12: the budget units' reserved-share targets (预留份额) and their
-- purchases on the 832 platform, by year, imported with the dataset.

-- +goose Up
create table reserved_shares (
    buyer_id   text not null references buyers (id),
    year       int not null check (year between 2000 and 2100),
    target_fen bigint not null check (target_fen >= 0),
    primary key (buyer_id, year)
);

create table platform_832 (
    buyer_id   text not null references buyers (id),
    year       int not null check (year between 2000 and 2100),
    amount_fen bigint not null check (amount_fen >= 0),
    primary key (buyer_id, year)
);

-- +goose Down
drop table platform_832;
drop table reserved_shares;
