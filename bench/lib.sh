# bench/lib.sh — what bench/run.sh (SQLite) and bench/pg.sh (PostgreSQL) share: paths,
# cleanup of the processes they start, the ceiling server, wrk runs and the line format.
# Sourced, not run.
ROOT=$(cd "$(dirname "$0")/.." && pwd)

BIN="$ROOT/channelbase"
OUT="$ROOT/build/bench"
DUR=${BENCH_DURATION:-10s}
THREADS=${BENCH_THREADS:-2}
mkdir -p "$OUT"
cd "$OUT"

PIDS=""
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

say() { printf '%s\n' "$*"; }
die() { say "bench: $*" >&2; exit 1; }
for t in wrk curl node cc pkg-config; do command -v "$t" >/dev/null || die "$t is missing: run make deps"; done
[ -x "$BIN" ] || die "build ./channelbase first (make)"

# ---- tools built by the bench ---------------------------------------------------------
CFLAGS="-std=c17 -D_DEFAULT_SOURCE -O2 -Wall -Wextra -Werror"
cc $CFLAGS -o ceiling "$ROOT/bench/ceiling.c" $(pkg-config --cflags --libs libmicrohttpd)

# ---- helpers ---------------------------------------------------------------------------
# start_server DB [LOG] → sets SPID and PORT (listen on a free loopback port, log to a file)
start_server() {
	log=${2:-serve.log}
	: > "$log"
	"$BIN" serve --db "$1" --listen 127.0.0.1:0 --threads "$THREADS" --data-dir "$OUT" 2>"$log" &
	SPID=$!
	PIDS="$PIDS $SPID"
	PORT=""
	i=0
	while [ -z "$PORT" ] && [ $i -lt 100 ]; do
		sleep 0.1
		PORT=$(sed -n 's/.*"msg":"listening".*"port":"\([0-9][0-9]*\)".*/\1/p' "$log" | head -n 1)
		i=$((i + 1))
	done
	[ -n "$PORT" ] || { cat "$log" >&2; die "the server did not start"; }
}
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# start_ceiling BODYFILE → sets CPID and CPORT
start_ceiling() {
	./ceiling 0 "$1" "$THREADS" > ceiling.out &
	CPID=$!
	PIDS="$PIDS $CPID"
	CPORT=""
	i=0
	while [ -z "$CPORT" ] && [ $i -lt 50 ]; do
		sleep 0.1
		CPORT=$(sed -n 's/^port \([0-9]*\)$/\1/p' ceiling.out)
		i=$((i + 1))
	done
	[ -n "$CPORT" ] || die "the ceiling server did not start"
}

# wrk_run PORT CONNS SCRIPT → sets RPS and P99 (BENCH_* variables passed in the environment)
wrk_run() {
	line=$(wrk -t2 -c"$2" -d"$DUR" --timeout 5s -s "$ROOT/bench/$3" "http://127.0.0.1:$1" | grep '^BENCH ')
	RPS=$(printf '%s' "$line" | sed 's/.*rps=\([0-9.]*\).*/\1/')
	P99=$(printf '%s' "$line" | sed 's/.*p99_ms=\([0-9.]*\).*/\1/')
	bad=$(printf '%s' "$line" | sed 's/.*errors=\([0-9]*\) non2xx=\([0-9]*\).*/\1 \2/')
	[ "$bad" = "0 0" ] || say "  (wrk reported errors / non-2xx: $bad)"
}

# median V1 V2 … → the middle value (the lower middle of an even count)
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# workload NAME CONNS SCRIPT MIN_RATIO → runs the load on the server, then on the ceiling
# serving SAMPLE (a real response body), and prints the line. A line with a target runs
# ROUNDS such pairs back to back and compares the medians: on a 2-core VM one run of
# either side moves by 10-20 % from one minute to the next, and a single pair decided a
# target by which of the two happened to catch a slow moment. Every pair is printed.
ROUNDS=${BENCH_ROUNDS:-3}
workload() {
	n=1
	[ -n "$4" ] && n=$ROUNDS
	rs="" ps="" crs="" cps="" pairs=""
	for _ in $(seq 1 "$n"); do
		wrk_run "$PORT" "$2" "$3"
		rs="$rs $RPS" ps="$ps $P99" pairs="$pairs $(printf '%.0f/%.2f' "$RPS" "$P99")"
		start_ceiling sample.json
		wrk_run "$CPORT" "$2" "$3"
		stop "$CPID"
		crs="$crs $RPS" cps="$cps $P99" pairs="$pairs-$(printf '%.0f/%.2f' "$RPS" "$P99")"
	done
	# shellcheck disable=SC2086 # the lists are words
	awk -v n="$1" -v r="$(median $rs)" -v p="$(median $ps)" -v cr="$(median $crs)" -v cp="$(median $cps)" \
		-v want="$4" -v rounds="$n" -v pairs="$pairs" 'BEGIN {
		ratio = r / cr
		ok = (want == "" || (ratio >= want && p <= 2 * cp)) ? "ok" : "MISS"
		tgt = want == "" ? "" : sprintf("   target >= %.1f of ceiling, p99 <= %.1f ms: %s", want, 2 * cp, ok)
		how = rounds > 1 ? sprintf("   (medians of %d runs each, interleaved; req/s/p99 ours-ceiling:%s)", rounds, pairs) : ""
		printf "%s: %.0f req/s = %.2f of ceiling %.0f req/s, p99 %.2f ms (ceiling p99 %.2f ms)%s%s\n", n, r, ratio, cr, p, cp, tgt, how
	}'
}

rss_kb() { sed -n "s/^$2:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$1/status"; }

