// Package workers is heshi's River room: the job args, the workers, the
// client that works the queues, the Queue that inserts jobs (it implements
// postgres.Queue with River's InsertTx) and the Admin that reads the queue's
// health, retries jobs and waits for the queue to drain. Nothing else in
// heshi imports River: the web gets the Admin as an interface.
//
// Jobs: extract (one per document) and cross_check (one per order and
// evidence set). Jobs are inserted in the transaction of the rows they
// concern and every job is idempotent: a retried or duplicated job
// overwrites the same extraction or finds its evidence set already checked.
// A cross-check's verdict and the job's completion commit together
// (JobCompleteTx inside postgres.Store.RecordVerdict).
//
// River's workflows are a paid feature, so the fan-in "all five documents read
// → cross-check" is built here: the extraction that completes an order's set
// inserts the cross-check in its own transaction, unique per order and
// evidence key (see postgres.Store.SaveExtraction).
//
// It may import the domain, its store, the evidence packages, River and pgx;
// never web.
package workers
