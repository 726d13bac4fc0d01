-- wrk script for `factcheck serve`: POST /v1/check, one statement a
-- request, cycling through the statements of STATEMENTS (one a line, a
-- plain text file). With PACE_MS set, each connection waits that long
-- after each answer, to hold a rate below saturation.
-- Only ever pointed at 127.0.0.1 by scripts/bench-serve.
local statements = {}
local file = assert(io.open(os.getenv("STATEMENTS"), "r"))
for line in file:lines() do
  if line ~= "" then
    local escaped = line:gsub('\\', '\\\\'):gsub('"', '\\"')
    statements[#statements + 1] = '{"statement": "' .. escaped .. '"}'
  end
end
file:close()
local pace = tonumber(os.getenv("PACE_MS") or "0")
local counter = 0

function setup(thread)
  thread:set("offset", counter * 7919)
  counter = counter + 1
end

function init(args)
  i = offset or 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  i = i + 1
  return wrk.format(nil, "/v1/check", nil, statements[(i % #statements) + 1])
end

function delay()
  return pace
end

local errors = 0
function response(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("requests %d in %.1f s = %.0f/s; non-2xx %d, socket errors %d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
