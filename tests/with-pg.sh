#!/bin/sh
# with-pg.sh COMMAND… — runs COMMAND with a private PostgreSQL server for its duration.
#
# initdb into a temporary directory, pg_ctl start on a free loopback port (trust auth,
# fsync off: a throwaway cluster for tests and benchmarks), export
#   CHANNELBASE_TEST_PG=postgres://USER@127.0.0.1:PORT   (no database name)
#   CHANNELBASE_TEST_PGDATA=<the data directory>, CHANNELBASE_TEST_PGCTL=<pg_ctl path>
#   CHANNELBASE_TEST_PGUSER=<the system user that owns the cluster>
# run COMMAND, then stop the server and remove the directory, whatever COMMAND did — and
# stop any other cluster a test started under that directory (harness.mjs privatePg()
# puts its own there), even when COMMAND was killed.
# PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` system
# user (made by Debian's postgresql package; created here when missing).
set -eu

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
	echo "with-pg: no PostgreSQL server found under /usr/lib/postgresql (run 'make deps')" >&2
	exit 2
fi

dir=$(mktemp -d /tmp/cb-pg-XXXXXX)
if [ "$(id -u)" -eq 0 ]; then
	owner=postgres
	if ! id -u "$owner" >/dev/null 2>&1; then
		useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$owner" ||
			{ echo "with-pg: cannot create the system user $owner" >&2; rm -rf "$dir"; exit 2; }
	fi
	chown "$owner" "$dir"
	as() { runuser -u "$owner" -- "$@"; }
else
	owner=$(id -un)
	as() { "$@"; }
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop() {
	for d in "$dir"/data "$dir"/*/data; do
		[ -f "$d/postmaster.pid" ] && as "$bindir/pg_ctl" -D "$d" -m immediate stop >/dev/null 2>&1
	done
	rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

as "$bindir/initdb" -D "$dir/data" -U "$owner" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
	{ cat "$dir/initdb.log" >&2; exit 2; }
as "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
	-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
	start >/dev/null || { cat "$dir/server.log" >&2; exit 2; }

export CHANNELBASE_TEST_PG="postgres://$owner@127.0.0.1:$port"
export CHANNELBASE_TEST_PGDATA="$dir/data"
export CHANNELBASE_TEST_PGCTL="$bindir/pg_ctl"
export CHANNELBASE_TEST_PGUSER="$owner"
export CHANNELBASE_TEST_PGPORT="$port"
export CHANNELBASE_TEST_PGSOCKDIR="$dir"
set +e
"$@"
rc=$?
exit $rc
