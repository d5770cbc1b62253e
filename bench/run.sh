#!/bin/sh
# bench/run.sh — `make bench`: Channelbase under wrk next to a bare-libmicrohttpd ceiling
# measured in the same run, plus the partner import next to a raw SQLite insert.
#
# Prints one line per workload:
#   NAME: X req/s = R of ceiling C req/s, p99 P ms (ceiling p99 Q ms)   target … ok|MISS
# A line with a target compares the medians of BENCH_ROUNDS (default 3) interleaved pairs.
# Databases are cached in build/bench/ and rebuilt when the schema or the demo generator
# changes (delete build/bench/ to force). Loopback only; every load is bounded (-d).
set -eu

. "$(dirname "$0")/lib.sh"
cc $CFLAGS -I"$ROOT/src" -o rawinsert "$ROOT/bench/rawinsert.c" "$ROOT/src/base/csvin.c" \
	"$ROOT/src/base/arena.c" "$ROOT/src/base/str.c" -lsqlite3 -lcsv

SCHEMA_KEY=$(cat "$ROOT"/src/store/schema/sqlite/*.sql | cksum | cut -d' ' -f1)
DEMO_KEY=$(cat "$ROOT"/src/store/schema/sqlite/*.sql "$ROOT"/src/core/demo.c "$ROOT"/src/core/partner*.c | cksum | cut -d' ' -f1)
printf 'bench-admin-password-2026\n' > admin.pw

# ---- 100,000 users: GET /me and GET /users/{id} ---------------------------------------------
if [ "$(cat users.key 2>/dev/null)" != "$SCHEMA_KEY" ] || [ ! -f users.db ]; then
	say "(building build/bench/users.db: 100,000 users)"
	rm -f users.db users.db-wal users.db-shm
	"$BIN" init --db users.db --admin-email admin@bench.local --admin-password-file admin.pw >/dev/null 2>&1
	"$BIN" seed-users --count 100000 --db users.db >/dev/null
	echo "$SCHEMA_KEY" > users.key
fi
TOKEN=$("$BIN" token create --db users.db --email admin@bench.local --name "bench $$" 2>/dev/null | grep -o 'cbt_[A-Za-z0-9_-]*' | head -n 1)
[ -n "$TOKEN" ] || die "no token"
export BENCH_TOKEN="$TOKEN"

start_server users.db
sleep 0.5
IDLE=$(rss_kb "$SPID" VmRSS)
say "server: $THREADS threads, wrk -t2 -d$DUR, loopback; $(nproc) cores"

curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/me" > sample.json
BENCH_PATH=/api/v1/me workload me 64 fixed.lua ""
curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/users/50000" > sample.json
export BENCH_PATH=/api/v1/users BENCH_LO=1 BENCH_HI=100001
workload user_get 64 ids.lua 0.5
workload user_get_c8 8 ids.lua ""
PEAK=$(rss_kb "$SPID" VmHWM) ANON=$(rss_kb "$SPID" RssAnon)
stop "$SPID"
awk -v i="$IDLE" -v p="$PEAK" -v an="$ANON" 'BEGIN { printf "rss (users): idle %.1f MB (target <= 30 MB: %s), peak %.1f MB (of it the server'"'"'s own memory after the loads: %.1f MB; the rest is the database file, memory-mapped by each connection)\n", i / 1024, i / 1024 <= 30 ? "ok" : "MISS", p / 1024, an / 1024 }'

# ---- 100,000 demo partners -------------------------------------------------------------------
if [ "$(cat partners.key 2>/dev/null)" != "$DEMO_KEY" ] || [ ! -f partners.db ]; then
	say "(building build/bench/partners.db: 100,000 demo partners)"
	rm -f partners.db partners.db-wal partners.db-shm
	"$BIN" init --db partners.db --admin-email admin@bench.local --admin-password-file admin.pw >/dev/null 2>&1
	"$BIN" demo --partners 100000 --db partners.db >/dev/null
	echo "$DEMO_KEY" > partners.key
fi
TOKEN=$("$BIN" token create --db partners.db --email admin@bench.local --name "bench $$" 2>/dev/null | grep -o 'cbt_[A-Za-z0-9_-]*' | head -n 1)
export BENCH_TOKEN="$TOKEN"
start_server partners.db
sleep 0.5

curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/partners/50000" > sample.json
export BENCH_PATH=/api/v1/partners BENCH_LO=1 BENCH_HI=100000
workload partner_get 64 ids.lua 0.4

# Common words of the demo names, each with a country where it is common.
SEARCH="/api/v1/partners?q=data&country=AE&limit=50|/api/v1/partners?q=tech&country=MY&limit=50|/api/v1/partners?q=%D8%AF%D8%A7%D8%AF%D9%87&country=IR&limit=50|/api/v1/partners?q=systems&country=SA&limit=50"
curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/partners?q=data&country=AE&limit=50" > sample.json
BENCH_PATH="$SEARCH" wrk_run "$PORT" 16 fixed.lua
rps=$RPS p99=$P99
start_ceiling sample.json
BENCH_PATH="$SEARCH" wrk_run "$CPORT" 16 fixed.lua
stop "$CPID"
awk -v r="$rps" -v p="$p99" -v cr="$RPS" -v cp="$P99" 'BEGIN {
	ok = (r >= 2000 && p <= 25) ? "ok" : "MISS"
	printf "partner_search: %.0f req/s = %.2f of ceiling %.0f req/s, p99 %.2f ms (ceiling p99 %.2f ms)   target >= 2000 req/s, p99 <= 25 ms at -c16: %s\n", r, r / cr, cr, p, cp, ok
}'

DUP=$(curl -s -o dup.json -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/partners/duplicates?limit=100")
GROUPS=$(sed -n 's/.*"total":\([0-9]*\).*/\1/p' dup.json)
awk -v t="$DUP" -v g="$GROUPS" 'BEGIN { printf "duplicates: %.2f s over 100,000 partners (%s groups)   target <= 3 s: %s\n", t, g, t <= 3 ? "ok" : "MISS" }'
PEAK=$(rss_kb "$SPID" VmHWM) ANON=$(rss_kb "$SPID" RssAnon)
stop "$SPID"
awk -v p="$PEAK" -v an="$ANON" 'BEGIN { printf "rss (partners): peak %.1f MB (of it the server'"'"'s own memory after the loads: %.1f MB; the rest is the database file, memory-mapped by each connection)\n", p / 1024, an / 1024 }'

# ---- import: 100,000 partners from CSV into a fresh database, against raw SQLite ----------------
"$BIN" export partners --format csv --db partners.db | node "$ROOT/bench/strip_columns.mjs" id,manager_id > import.csv
ROWS=$(($(wc -l < import.csv) - 1))
# ROUNDS imports, each followed by the raw insert, compared by their medians (see workload).
IPEAK=0 ours="" raws="" pairs=""
for _ in $(seq 1 "$ROUNDS"); do
	rm -f import.db import.db-wal import.db-shm raw.db raw.db-wal raw.db-shm
	"$BIN" init --db import.db --admin-email admin@bench.local --admin-password-file admin.pw >/dev/null 2>&1
	START=$(date +%s.%N)
	"$BIN" import partners import.csv --db import.db > import.out &
	IPID=$!
	PIDS="$PIDS $IPID"
	while kill -0 "$IPID" 2>/dev/null; do
		v=$(rss_kb "$IPID" VmHWM 2>/dev/null || true)
		[ -n "$v" ] && [ "$v" -gt "$IPEAK" ] && IPEAK=$v
		sleep 0.05 # the wait after the exit counts in the time: poll often
	done
	wait "$IPID" || die "import failed: $(cat import.out)"
	END=$(date +%s.%N)
	r=$(awk -v s="$START" -v e="$END" -v n="$ROWS" 'BEGIN { printf "%.0f", n / (e - s) }')
	rr=$(./rawinsert raw.db import.csv "$ROOT"/src/store/schema/sqlite/*.sql | sed 's/.*rows_per_s=\([0-9.]*\).*/\1/')
	ours="$ours $r" raws="$raws $rr" pairs="$pairs $r-$rr"
done
# shellcheck disable=SC2086 # the lists are words
awk -v r="$(median $ours)" -v rr="$(median $raws)" -v n="$ROWS" -v pk="$IPEAK" -v rounds="$ROUNDS" -v pairs="$pairs" 'BEGIN {
	ok = (r / rr >= 0.3) ? "ok" : "MISS"
	printf "import_partners: %.0f rows/s = %.2f of raw SQLite insert %.0f rows/s (%d rows, %.1f s, peak RSS %.0f MB)   target >= 0.3: %s   (medians of %d runs each, interleaved; rows/s ours-raw:%s)\n", r, r / rr, rr, n, n / r, pk / 1024, ok, rounds, pairs
}'
rm -f raw.db raw.db-wal raw.db-shm import.db import.db-wal import.db-shm

# ---- web UI: first-screen JS and the partners list's render time in Chromium ----------------
node "$ROOT/bench/web.mjs" "$BIN" partners.db admin@bench.local admin.pw
