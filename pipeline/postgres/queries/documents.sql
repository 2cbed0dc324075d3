-- name: DocumentInsert :one
insert into documents (order_id, kind, version, sha256, size_bytes, media_type, object_key, original_name, uploaded_by)
values (
    @order_id, @kind,
    (select coalesce(max(version), 0) + 1 from documents d where d.order_id = @order_id and d.kind = @kind),
    @sha256, @size_bytes, @media_type, @object_key, @original_name, @uploaded_by
)
returning *;

-- name: DocumentGet :one
select * from documents where id = @id;

-- name: DocumentWithOrderNo :one
select sqlc.embed(d), o.order_no from documents d join orders o on o.id = d.order_id where d.id = @id;

-- name: OrderLockByDocument :one
-- The order of a document, locked.
select o.* from orders o join documents d on d.order_id = o.id where d.id = @document_id for update of o;

-- name: DocumentCurrent :one
select * from current_documents where order_id = @order_id and kind = @kind;

-- name: DocumentsCurrentByOrder :many
-- The current version of each kind of document of an order, with its
-- extraction when there is one.
select d.id, d.order_id, d.kind, d.version, d.sha256, d.size_bytes, d.media_type,
       d.object_key, d.original_name, d.uploaded_by, d.uploaded_at,
       (e.document_id is not null)::boolean as extracted,
       coalesce(e.source, '')::text as source,
       coalesce(e.readable, false)::boolean as readable,
       coalesce(e.reason, '')::text as reason,
       coalesce(e.fields, '{}')::jsonb as fields,
       coalesce(e.lines, '[]')::jsonb as lines,
       coalesce(e.problems, '[]')::jsonb as problems,
       coalesce(e.layout, '[]')::jsonb as layout,
       coalesce(e.slips, '[]')::jsonb as slips,
       coalesce(e.detected_kind, '')::text as detected_kind
from current_documents d
left join extractions e on e.document_id = d.id
where d.order_id = @order_id
order by d.kind;

-- name: DocumentsKeyByOrder :many
-- What an order's evidence key is made of: the current document of each
-- kind and whether it has been read (without what was read).
select d.id, d.kind, exists (select 1 from extractions e where e.document_id = d.id)::boolean as extracted
from current_documents d
where d.order_id = @order_id
order by d.kind;

-- name: DocumentsEarlierByOrder :many
-- The versions of an order's documents that a later one replaced, newest
-- first within each kind, with their extractions: the order page shows them
-- and what changed from one to the next.
select d.id, d.order_id, d.kind, d.version, d.sha256, d.size_bytes, d.media_type,
       d.object_key, d.original_name, d.uploaded_by, d.uploaded_at,
       (e.document_id is not null)::boolean as extracted,
       coalesce(e.source, '')::text as source,
       coalesce(e.readable, false)::boolean as readable,
       coalesce(e.reason, '')::text as reason,
       coalesce(e.fields, '{}')::jsonb as fields,
       coalesce(e.lines, '[]')::jsonb as lines,
       coalesce(e.detected_kind, '')::text as detected_kind
from documents d
left join extractions e on e.document_id = d.id
where d.order_id = @order_id
  and d.version < (select max(l.version) from documents l where l.order_id = d.order_id and l.kind = d.kind)
order by d.kind, d.version desc;

-- name: DocumentObjectReferenced :one
select exists (select 1 from documents where object_key = @object_key)::boolean;

-- name: ExtractionUpsert :exec
insert into extractions (document_id, source, readable, reason, fields, lines, problems, layout, slips, detected_kind)
values (@document_id, @source, @readable, @reason, @fields, @lines, @problems, @layout, @slips, @detected_kind)
on conflict (document_id) do update
set source = excluded.source, readable = excluded.readable, reason = excluded.reason,
    fields = excluded.fields, lines = excluded.lines, problems = excluded.problems,
    layout = excluded.layout, slips = excluded.slips, detected_kind = excluded.detected_kind, extracted_at = now();

-- name: DocumentsPage :many
-- Every document, a page at a time, for the integrity sweep.
select d.id, d.order_id, d.kind, d.version, d.object_key, d.sha256, d.size_bytes,
       exists (select 1 from current_documents c where c.id = d.id)::boolean as current
from documents d where d.id > @after_id order by d.id limit @max_rows;

-- name: EvidenceUploadedAt :one
-- When an order's current evidence set was last added to.
select coalesce(max(uploaded_at), now())::timestamptz from current_documents where order_id = @order_id;
