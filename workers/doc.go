// Package workers holds heshi's River jobs: extract (one per document) and
// cross_check (one per order and evidence set). Jobs are inserted in the
// transaction of the rows they concern (Queue implements pipeline.Queue with
// River's InsertTx), and every job is idempotent: a retried or duplicated job
// overwrites the same extraction or finds its evidence set already checked.
//
// River's workflows are a paid feature, so the fan-in "all five documents read
// → cross-check" is built here: the extraction that completes an order's set
// inserts the cross-check in its own transaction, unique per order and
// evidence key (see pipeline.Store.SaveExtraction).
package workers
