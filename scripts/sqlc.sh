#!/usr/bin/env bash
# Installs sqlc, pinned, into bin/ with the Go toolchain (its PostgreSQL
# parser is C, built by cgo: a few minutes the first time, seconds from the
# build cache). Idempotent: a bin/sqlc of the pinned version is kept.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
SQLC_VERSION=${SQLC_VERSION:-v1.31.1}
bin="$root/bin/sqlc"

if [ -x "$bin" ] && [ "$("$bin" version 2>/dev/null)" = "$SQLC_VERSION" ]; then
	exit 0
fi
echo "sqlc: building $SQLC_VERSION into bin/ (first time: a few minutes)" >&2
mkdir -p "$root/bin"
GOBIN="$root/bin" go install "github.com/sqlc-dev/sqlc/cmd/sqlc@$SQLC_VERSION"
"$bin" version >/dev/null
