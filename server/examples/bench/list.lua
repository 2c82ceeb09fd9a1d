-- wrk script of the list-page load (server/examples/bench/load.rs runs it):
--   wrk ... -s list.lua http://127.0.0.1:PORT -- mixed|plain
-- "mixed" cycles through six list URLs, "plain" asks for /candidates alone. The session cookie
-- (from the bench's sign-in) and "Accept: text/html" come as -H headers. At the end one line the bench
-- reads: answers, errors (status >= 400, socket errors), rate, latency percentiles.

local mixes = {
  mixed = {
    "/candidates",
    "/candidates?page=2",
    "/candidates?phase=idea&phase=backlog",
    "/candidates?sort=title",
    "/candidates?q=faktura",
    "/candidates?status=active&sort=hours",
  },
  plain = { "/candidates" },
}
local paths
local i = 0

function init(args)
  paths = mixes[args[1] or "mixed"] or error("no URL mix " .. tostring(args[1]))
end

function request()
  i = i % #paths + 1
  -- No headers of its own: wrk.format would then drop those given with -H.
  return wrk.format("GET", paths[i])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "bench: answers=%d errors=%d seconds=%.3f rate=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests,
    e.status + e.connect + e.read + e.write + e.timeout,
    summary.duration / 1e6,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000,
    latency:percentile(99) / 1000))
end
