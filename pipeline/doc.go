// Package pipeline is heshi's domain: orders and their parties, the five
// documents of evidence and the states an order moves through, the rule
// catalogue and the checks run across the documents (pure functions over a
// CheckInput), verdicts, review decisions and the statistics' tables, which
// count verified orders only.
//
// The domain imports no database driver and no job queue: it may import
// the standard library, golang.org/x/text and heshi's evidence packages
// (the fields read from documents, money, identifiers). Adapters depend on
// it, never the reverse: pipeline/postgres stores it, workers runs its jobs
// on River, web serves it over HTTP. The test in internal/arch fails when
// the domain (or anything it imports) imports pgx or River.
package pipeline
