#!/usr/bin/env bash
# Brings up what heshi needs locally: PostgreSQL (databases heshi and
# heshi_test) and MinIO on 127.0.0.1:9000. Idempotent: whatever is already
# running is left alone, so a second call returns at once.
#
# Environment (local development defaults; nothing here is a secret):
#   HESHI_PG_HOST/PORT/USER   where PostgreSQL answers (127.0.0.1:5432, postgres)
#   HESHI_S3_ACCESS_KEY/SECRET_KEY  MinIO's root user for local development
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
MINIO_VERSION=${MINIO_VERSION:-v0.0.0-20260212201848-7aac2a2c5b7c}
PG_HOST=${HESHI_PG_HOST:-127.0.0.1}
PG_PORT=${HESHI_PG_PORT:-5432}
PG_USER=${HESHI_PG_USER:-postgres}
S3_ACCESS=${HESHI_S3_ACCESS_KEY:-heshi}
S3_SECRET=${HESHI_S3_SECRET_KEY:-heshi-local-dev}
MINIO_ADDR=127.0.0.1:9000

log() { printf 'services: %s\n' "$*" >&2; }

need_root_apt() {
	if [ "$(id -u)" -ne 0 ]; then
		log "need root to apt-get install $*; install it and run again"
		exit 1
	fi
	if [ -z "${apt_updated:-}" ]; then
		apt-get update -qq >/dev/null
		apt_updated=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

postgres_up() {
	if pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; then
		return 0
	fi
	if ! command -v pg_ctlcluster >/dev/null 2>&1; then
		log "installing PostgreSQL from Debian's packages"
		need_root_apt postgresql
	fi
	local ver
	ver=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1)
	if [ -z "$ver" ]; then
		log "no PostgreSQL cluster found under /etc/postgresql"
		exit 1
	fi
	log "starting PostgreSQL $ver"
	pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
	for _ in $(seq 1 60); do
		pg_isready -q -h "$PG_HOST" -p "$PG_PORT" && return 0
		sleep 0.5
	done
	log "PostgreSQL did not answer on $PG_HOST:$PG_PORT"
	exit 1
}

psql_admin() {
	# Trust auth on the local cluster (as root, or as the postgres user).
	if psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
		psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 -Atq "$@"
	else
		su postgres -c "psql -d postgres -v ON_ERROR_STOP=1 -Atq $(printf '%q ' "$@")"
	fi
}

databases() {
	for db in heshi heshi_test; do
		if [ "$(psql_admin -c "select 1 from pg_database where datname = '$db'")" != 1 ]; then
			log "creating database $db"
			psql_admin -c "create database $db"
		fi
	done
}

minio_live() {
	curl -fsS -o /dev/null --max-time 2 "http://$MINIO_ADDR/minio/health/live" 2>/dev/null
}

# minio_healthy: answering and able to write (its drive is there).
minio_healthy() {
	curl -fsS -o /dev/null --max-time 2 "http://$MINIO_ADDR/minio/health/cluster" 2>/dev/null
}

minio_up() {
	local pidfile="$root/var/minio.pid"
	if minio_live; then
		minio_healthy && return 0
		# Ours but broken (its data directory was removed, say): restart it.
		if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
			log "MinIO answers but cannot write; restarting it"
			kill "$(cat "$pidfile")"
			for _ in $(seq 1 40); do minio_live || break; sleep 0.25; done
		else
			log "something on $MINIO_ADDR answers as MinIO but cannot write; stop it and run again"
			exit 1
		fi
	fi
	local bin="$root/bin/minio"
	local stamp="$root/bin/.minio-version"
	if [ ! -x "$bin" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$MINIO_VERSION" ]; then
		log "building MinIO $MINIO_VERSION into bin/ (several minutes the first time)"
		mkdir -p "$root/bin"
		(cd "$root" && GOBIN="$root/bin" GOFLAGS=-buildvcs=false go install "github.com/minio/minio@$MINIO_VERSION")
		echo "$MINIO_VERSION" >"$stamp"
	fi
	mkdir -p "$root/var/minio"
	log "starting MinIO on $MINIO_ADDR (data in var/minio)"
	MINIO_ROOT_USER="$S3_ACCESS" MINIO_ROOT_PASSWORD="$S3_SECRET" MINIO_BROWSER=off \
		nohup setsid "$bin" server "$root/var/minio" --address "$MINIO_ADDR" --quiet \
		>>"$root/var/minio.log" 2>&1 </dev/null &
	echo $! >"$pidfile"
	for _ in $(seq 1 120); do
		minio_healthy && return 0
		sleep 0.5
	done
	log "MinIO did not come up; see var/minio.log"
	tail -n 20 "$root/var/minio.log" >&2 || true
	exit 1
}

command -v curl >/dev/null 2>&1 || need_root_apt curl
# var/ holds the services' live data (MinIO's objects come and go while it
# runs): its own empty module, so `go vet ./...` and `go test ./...` never
# walk into it.
mkdir -p "$root/var"
[ -f "$root/var/go.mod" ] || printf 'module heshi.local/var\n' >"$root/var/go.mod"
postgres_up
databases
minio_up
log "PostgreSQL on $PG_HOST:$PG_PORT and MinIO on $MINIO_ADDR are up"
