-- ids.lua — GET <path>/<random id in [lo, hi]> with a bearer token.
-- env: BENCH_TOKEN, BENCH_PATH (e.g. /api/v1/users), BENCH_LO, BENCH_HI
local token = os.getenv("BENCH_TOKEN")
local base = os.getenv("BENCH_PATH")
local lo = tonumber(os.getenv("BENCH_LO"))
local hi = tonumber(os.getenv("BENCH_HI"))

function setup(thread)
	thread:set("seed", math.random(1, 1000000))
end

function init(args)
	math.randomseed(seed)
	wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
	return wrk.format("GET", base .. "/" .. math.random(lo, hi))
end

function done(summary, latency, requests)
	io.write(string.format("BENCH rps=%.1f p99_ms=%.3f errors=%d non2xx=%d\n",
		summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000,
		summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
		summary.errors.status))
end
