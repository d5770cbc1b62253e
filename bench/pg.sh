#!/bin/sh
# bench/pg.sh — the partner workloads on PostgreSQL, one node and two nodes, next to the
# same-run ceiling. Run by `make bench` under tests/with-pg.sh (a private PostgreSQL on
# loopback, CHANNELBASE_TEST_PG) after bench/run.sh, whose cached build/bench/partners.db
# (100,000 demo partners) is copied in with `channelbase copy`.
#
# Two nodes are two `serve` processes on the one database; each gets half of the wrk
# connections from its own wrk, run at the same time; the line reports the sum of their
# rates and the worse p99.
set -eu

. "$(dirname "$0")/lib.sh"
[ -n "${CHANNELBASE_TEST_PG:-}" ] || die "run under tests/with-pg.sh (make bench does)"
[ -f partners.db ] || die "build/bench/partners.db is missing: run bench/run.sh first"

DB="$CHANNELBASE_TEST_PG/bench"
psql "$CHANNELBASE_TEST_PG/postgres" -qc "CREATE DATABASE bench" >/dev/null
START=$(date +%s.%N)
"$BIN" copy --from partners.db --to "$DB" > copy.out 2>&1 || { cat copy.out >&2; die "copy failed"; }
END=$(date +%s.%N)
psql "$DB" -qc "VACUUM ANALYZE" >/dev/null
awk -v s="$START" -v e="$END" 'BEGIN { printf "pg: 100,000 demo partners copied from SQLite in %.1f s (channelbase copy)\n", e - s }'
TOKEN=$("$BIN" token create --db "$DB" --email admin@bench.local --name "bench $$" 2>/dev/null | grep -o 'cbt_[A-Za-z0-9_-]*' | head -n 1)
[ -n "$TOKEN" ] || die "no token"
export BENCH_TOKEN="$TOKEN"

# two_nodes NAME CONNS SCRIPT → both nodes under load at once; prints the line
two_nodes() {
	half=$(($2 / 2))
	wrk -t1 -c"$half" -d"$DUR" --timeout 5s -s "$ROOT/bench/$3" "http://127.0.0.1:$PORT" > wrk1.out &
	W1=$!
	wrk -t1 -c"$half" -d"$DUR" --timeout 5s -s "$ROOT/bench/$3" "http://127.0.0.1:$PORT2" > wrk2.out &
	W2=$!
	wait "$W1" "$W2"
	r1=$(sed -n 's/^BENCH rps=\([0-9.]*\).*/\1/p' wrk1.out) r2=$(sed -n 's/^BENCH rps=\([0-9.]*\).*/\1/p' wrk2.out)
	p1=$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' wrk1.out) p2=$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' wrk2.out)
	grep -q 'errors=0 non2xx=0' wrk1.out && grep -q 'errors=0 non2xx=0' wrk2.out || say "  (wrk reported errors / non-2xx)"
	start_ceiling sample.json
	wrk_run "$CPORT" "$2" "$3"
	stop "$CPID"
	awk -v n="$1" -v a="$r1" -v b="$r2" -v p1="$p1" -v p2="$p2" -v cr="$RPS" -v cp="$P99" 'BEGIN {
		r = a + b; p = p1 > p2 ? p1 : p2
		printf "%s: %.0f req/s (%.0f + %.0f) = %.2f of ceiling %.0f req/s, p99 %.2f ms (ceiling p99 %.2f ms)\n", n, r, a, b, r / cr, cr, p, cp
	}'
}

SEARCH="/api/v1/partners?q=data&country=AE&limit=50|/api/v1/partners?q=tech&country=MY&limit=50|/api/v1/partners?q=%D8%AF%D8%A7%D8%AF%D9%87&country=IR&limit=50|/api/v1/partners?q=systems&country=SA&limit=50"

start_server "$DB" serve1.log
S1=$SPID
curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/partners/50000" > sample.json
export BENCH_PATH=/api/v1/partners BENCH_LO=1 BENCH_HI=100000
workload pg_partner_get 64 ids.lua ""
curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/partners?q=data&country=AE&limit=50" > sample.json
BENCH_PATH="$SEARCH" workload pg_partner_search 16 fixed.lua ""

P1=$PORT
start_server "$DB" serve2.log
PORT2=$PORT PORT=$P1
curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/partners/50000" > sample.json
export BENCH_PATH=/api/v1/partners BENCH_LO=1 BENCH_HI=100000
two_nodes pg_partner_get_2nodes 64 ids.lua
curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/partners?q=data&country=AE&limit=50" > sample.json
BENCH_PATH="$SEARCH" two_nodes pg_partner_search_2nodes 16 fixed.lua
stop "$SPID"
stop "$S1"
