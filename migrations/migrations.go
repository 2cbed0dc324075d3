// Package migrations embeds heshi's numbered SQL migrations (goose format).
// `heshi migrate` applies River's tables first, then these, under an advisory
// lock so that concurrent starts cannot race. Besides workers, it is the one
// package that imports River (rivermigrate, for River's own tables).
package migrations

import "embed"

// FS holds the *.sql migrations, applied in the order of their numbers.
//
//go:embed *.sql
var FS embed.FS
