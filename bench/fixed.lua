-- fixed.lua — GET BENCH_PATH (one fixed URL, or several separated by '|', taken in turn)
-- with a bearer token. env: BENCH_TOKEN, BENCH_PATH
local token = os.getenv("BENCH_TOKEN")
local paths = {}
for p in string.gmatch(os.getenv("BENCH_PATH"), "[^|]+") do
	paths[#paths + 1] = p
end
local i = 0

function init(args)
	wrk.headers["Authorization"] = "Bearer " .. (token or "")
end

function request()
	i = i % #paths + 1
	return wrk.format("GET", paths[i])
end

function done(summary, latency, requests)
	io.write(string.format("BENCH rps=%.1f p99_ms=%.3f errors=%d non2xx=%d\n",
		summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000,
		summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
		summary.errors.status))
end
