-- name: DivisionUpsert :exec
insert into divisions (code, name, city_code, city_name)
values (@code, @name, sqlc.narg('city_code'), @city_name)
on conflict (code) do update
set name = excluded.name, city_code = excluded.city_code, city_name = excluded.city_name;

-- name: DivisionList :many
select * from divisions order by code;

-- name: BuyerUpsert :exec
insert into buyers (id, name, uscc, division_code, kind)
values (@id, @name, @uscc, @division_code, @kind)
on conflict (id) do update
set name = excluded.name, uscc = excluded.uscc, division_code = excluded.division_code, kind = excluded.kind;

-- name: BuyerGet :one
select * from buyers where id = @id;

-- name: SupplierUpsert :exec
insert into suppliers (id, name, uscc, division_code, bank_name, bank_account, admitted)
values (@id, @name, @uscc, @division_code, @bank_name, @bank_account, @admitted)
on conflict (id) do update
set name = excluded.name, uscc = excluded.uscc, division_code = excluded.division_code,
    bank_name = excluded.bank_name, bank_account = excluded.bank_account, admitted = excluded.admitted;

-- name: SupplierGet :one
select * from suppliers where id = @id;

-- name: ProductUpsert :exec
insert into products (sku, supplier_id, name, category, unit)
values (@sku, @supplier_id, @name, @category, @unit)
on conflict (sku) do update
set supplier_id = excluded.supplier_id, name = excluded.name, category = excluded.category, unit = excluded.unit;

-- name: ProductGet :one
select * from products where sku = @sku;
